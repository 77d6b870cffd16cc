# pack: levels/spotless
# seed: 1
# level: lastfight
hint
look under bed
x bed
south
x clementine
hint
ask her about where she has been
x keys
ask her about message
hint
x window
get up
x clementine
talk to her
kiss clementine
sorry
hint
look
x doorway
look under bed
x pillow
take keys
hint
n
s
x footprints
x sofa
x coffee table
x television
x window
press button
s
x light
x radiator
x stairs
x door
s
x lamps
x parked cars
x building
x car
x snow
e
x lamppost
x snow
search car
enter car
open door
hint
unlock door with keys
open door
enter car
x seat
x dashboard
touch windscreen
read windscreen
take cassette
score
hint
sorry
out
wait
in
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
