# pack: levels/spotless
# seed: 1
# level: restaurant
hint
x neon sign
x car
x snow
x window
n
x fish tank
x cat
x coat
x hooks
x counter
take cookie
hint
n
x lanterns
x tables
x young couple
x man
talk to man
x waiter
ask waiter about clementine
ask waiter about couple
x old couple
talk to old couple
hint
e
x payphone
x kitchen door
x restroom doors
x mirror
w
n
x table
x beer
x chopsticks
x napkin
take napkin
hint
ask her about her work
ask her about us
x lantern
x pen
x benches
look under table
wait
hint
x napkin
s
e
x restroom doors
open restroom doors
wait
w
n
hint
look under table
x clementine
talk to her
ask her about the foot
eat cookie
s
x old couple
s
s
wait
wait
wait
wait
wait
wait
wait
wait
wait
wait
wait
wait
wait
wait
wait
wait
wait
