# pack: levels/spotless
# seed: 5
# level: charles
hint
examine streetlamps
examine road
examine snow globe
turn globe
north
examine clementine
ask clementine to follow me
examine boathouse
examine lamps
hint
down
examine ice
jump
hint
north
hint
ask clementine about ice
ask clementine about hair
ask clementine about hide
kiss clementine
north
examine crack
examine dark
north
hint
south
examine stars
wait
think
talk to clementine
wait
wait
wait
wait
wait
hint
north
examine clementine
talk to clementine
ask clementine about lacuna
hint
ask clementine to follow me
wait
examine clementine
talk to clementine
wake up
wait
wait
wait
