# pack: levels/spotless
# seed: 1
# commands: tests/walkthroughs/prologue.txt
