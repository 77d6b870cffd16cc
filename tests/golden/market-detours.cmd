# pack: levels/spotless
# seed: 7
# level: market
hint
inventory
examine coffees
drink coffees
examine sky
examine coffee cart
south
hint
examine your pillow
examine lamp
read journal
examine middle
east
hint
examine blind
examine streetlight
examine nightstand
west
north
east
examine stallholder
talk to stallholder
ask stallholder about doll
take doll
kiss clementine
ask clementine about doll
ask clementine about hair
hint
show journal to clementine
wait
ask stallholder about crossword
ask stallholder about clementine
give five dollars to stallholder
west
hint
south
take journal
east
hint
tell clementine about child
kiss clementine
give doll to clementine
talk to clementine
ask clementine about journal
think
sleep
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
