# A blind command list for the bookstore memory's other half, Rob and Carrie's: what a
# first-time player types, written without the walkthrough (issue 9). Played from Joel's
# arrival on the sidewalk of the bookstore memory.
e
look
x mat
wipe feet
x mailboxes
ring buzzer
x elevator
press button
x sign
x mirror
look in mirror
x radiator
x lobby
n
look
x rob
x carrie
talk to rob
talk to carrie
ask carrie about card
ask rob about clementine
x coffee table
x card
read card
take card
x dinner
x candle
blow out candle
x wine
drink wine
x sofa
sit on sofa
x television
turn off tv
x window
look out window
x pistachio shells
eat pistachios
x carpet
hug carrie
go to sidewalk
