# pack: levels/spotless
# seed: 3
# The parser and what the text mentions (issue 9): possessives, adjectives, details, gentle
# replies, did-you-mean only for words in sight, the verbs every player tries, GO TO.
x her armchair
x blue sofa
x the small television
turn on tv
switch the television off
look out of the window
x cake
x snow
x paperback
take paperbacks
x conversation
x menu
x stubbornness
x sofq
tell me to jump
hug me
hold card
pray
shout
sing
jump on sofa
stand on coffee table
think about her
n
search clothes
x sweater
look through window
go to kitchen
x row
turn on stove
go to the bedroom
go to the hallway
go to narnia
s
s
x menu
x pizza menu
take menu
go up stairs
s
e
ring bell
ring sign
hide
blow out lamp
