# A held-out list (issue 9): written after the fixes and measured without tuning anything to
# it, to check the first lists did not just teach the game their own answers.
l
examine room
look around
x walls
x floor
x ceiling
x door
open door
unlock door
x apartment door
x lock
get card
put card in pocket
put card on table
drop card
take card
x mug
drink coffee
x rings
look at snow globe closely
put globe in pocket
sit down
stand up
lie down
go west
look
x coffee maker
make coffee
x magnets
take magnets
eat crumbs
x shelf
smell milk
pour milk
close fridge
x air shaft
go back
go north
x sheets
make bed
x sock
get under covers
x lamp
switch lamp on
read journal
x journal
look in wardrobe
take shirt
x suits
wear suit
go south
go south
read mail
check mailbox
knock on door
listen to trumpet
x cat
go outside
x snow
make snowball
x plows
look at footprints
walk east
x shoe repair
enter shop
open door
go in
ask receptionist about doctor
x pens
take pen
x phone
use phone
x quotations
read book
