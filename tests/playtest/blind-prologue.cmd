# A blind command list for the prologue: what a first-time player types, written without the
# walkthrough (issue 9). One command a line; lines starting with # are notes.
look
read card
x card
turn card over
i
x me
x coat
take coat
wear coat
search coat
look in pockets
x sofa
x blue sofa
sit on sofa
look under sofa
search sofa
look between cushions
x cushions
x television
turn on television
switch on tv
watch tv
x coffee table
x table
x her armchair
sit in armchair
smell armchair
x bookshelf
x paperbacks
take paperback
read books
x gaps
x snow globe
shake snow globe
take snow globe
x fern
water fern
x plant
x window
look out window
open window
x snow
x cake
x couple
x rack
x coat rack
x doorway
listen
smell
think
think about clementine
cry
go to kitchen
x fridge
open fridge
x milk
drink milk
take milk
x sink
turn on tap
x counter
x stove
turn on stove
x cupboard
open cupboard
x potato figures
take potato
x kitchen table
x chairs
sit on chair
x folder
read folder
x drawings
look out of window
e
n
x bed
lie on bed
sleep
look under bed
x pillow
take pillow
search pillow
x nightstand
open nightstand
open drawer
x lamp
turn on lamp
x wardrobe
open wardrobe
x chair
x clothes
search clothes
x window
look out window
x van
x back lane
s
s
x mailboxes
open mailbox
x menu
x radiator
x stairs
go up stairs
x front door
x newspaper
s
x cars
x street lamps
x road
x building
e
x sign
read sign
x shop window
ring bell
x lamp
n
x chairs
x old woman
talk to woman
ask woman about dog
x bowl
x magazines
read magazine
x plant
w
x desk
x computer
talk to mary
ask mary about lacuna
show card to mary
give card to mary
x cabinets
x rubber plants
n
x doctor
talk to doctor
ask doctor about clementine
ask doctor about procedure
x charts
x map
x bookshelves
x desk
sit on chair
e
x chair
sit in chair
x cap
wear cap
x console
x speaker
go to living room
hint
tell me to jump
