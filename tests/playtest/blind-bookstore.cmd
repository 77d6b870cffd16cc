# A blind command list for the bookstore, the first memory: what a first-time player types,
# written without the walkthrough (issue 9). Played from Joel's arrival on the sidewalk; the
# memory is erased as it goes, as a player would see it.
look
x snow
x flakes
x window
x shop window
look through window
x hearts
x books
x desk
x light
x street lamp
x footprints
i
x gift
open gift
x door
x street door
n
look
x tables
x books
x valentine display
x love poems
take poems
read poems
x rack
x cards
read card
x paper
x floor
n
x shelves
x persuasion
take persuasion
read persuasion
x paperback
take paperback
n
look
x clementine
talk to clementine
x her hair
x sweater
x name tag
hello
ask clementine about joel
ask her about montauk
say sorry
x young man
x puffy coat
talk to man
x counter
x bell
ring bell
x computer
x sign
x stool
x special orders
x her bag
give gift to clementine
kiss clementine
take her hand
hug clementine
hide
shout
cry
