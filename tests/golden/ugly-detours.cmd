# pack: levels/spotless
# seed: 3
# level: ugly
hint
look
examine fridge
examine stove
examine kitchen window
examine radiator
examine table
examine bowl
take potato people
eat tangerine
take tangerine
east
examine record player
examine couch
examine coats
open front door
examine bedroom door
south
examine mirror
examine blue dye
read dye
examine towels
examine bathtub
north
hint
east
examine window
examine clothes
examine bed
hint
lie down
examine blanket
examine pillows
examine clementine
talk to clementine
ask clementine about potato people
give potato people to clementine
wait
talk to clementine
wait
hint
yes
no
hint
wait
wait
look
ask clementine about lacuna
wake up
out
west
hint
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
wait
wait
wait
wait
wait
wait
