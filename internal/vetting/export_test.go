package vetting

// ExpandTemplate lets the corpus test expand templates exactly as the
// learned layer's training does.
var ExpandTemplate = expandTemplate
