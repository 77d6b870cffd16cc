# pack: tests/packs/house
# seed: 7

xyzzq
take lamq
oops rug
TAKE   The  Blue KEY!!!
* a note to myself
x
box
open box then take ring
wear it
remove coat
i
s
unlock door with blue key
undo
score
hint
e
mary, dance
put ring on table
g
take lamp quickly
look at lamp
push lamp
brief
w
e
save test
restore test
restore nothing
restart
no
quit
yes
