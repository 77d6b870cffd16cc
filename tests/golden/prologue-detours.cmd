# pack: levels/spotless
# seed: 4
help
hint
sleep
x sofa
search sofa
take key
n
lie on bed
eat pills
s
w
x fridge
open fridge
drink milk
take all
i
e
s
s
e
n
x woman
ask woman about dog
w
n
ask mary about appointment
show card to mary
show card to mary
n
talk to doctor
e
take bags
hint
score
about
