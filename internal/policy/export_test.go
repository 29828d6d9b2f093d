package policy

// DecideOnce is decideOnce, for the tests.
var DecideOnce = decideOnce
