# pack: tests/packs/house
# seed: 1
look
x rug
look under rug
take coin. i
take all
e
x key
the red one
take lamp and red key
unlock chest
d
unlock chest
take keys
unlock chest with blue key
open it
take note from chest
read note
u
ask mary about lamp
give coin to her
