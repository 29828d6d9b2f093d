// Package lazyre holds regular expressions that compile the first time
// they are used. The safety scanner and the profile screener hold
// thousands of expressions, most behind literal gates that rarely open;
// compiled up front they held 15–40 MB of instructions in every process,
// and every garbage collection marked them (issue 17).
package lazyre

import (
	"regexp"
	"regexp/syntax"
	"sync/atomic"
)

// Regexp is an expression compiled on first use and kept.
type Regexp struct {
	src string
	re  atomic.Pointer[regexp.Regexp]
}

// MustNew parses src at once, so a broken pattern fails when it is built
// (at init) and compiling it later cannot.
func MustNew(src string) *Regexp {
	if _, err := syntax.Parse(src, syntax.Perl); err != nil {
		panic("lazyre: " + err.Error())
	}
	return &Regexp{src: src}
}

// Parsed is MustNew for a source the caller has already parsed (the
// safety prefilter splits parsed expressions), so it skips the check.
func Parsed(src string) *Regexp { return &Regexp{src: src} }

// Get compiles the expression on first use.
func (l *Regexp) Get() *regexp.Regexp {
	if re := l.re.Load(); re != nil {
		return re
	}
	re := regexp.MustCompile(l.src)
	l.re.Store(re) // a concurrent first use compiles twice; either result is the same
	return re
}

// Compiled reports whether the expression has been compiled yet.
func (l *Regexp) Compiled() bool { return l.re.Load() != nil }

// String is the source, without compiling it.
func (l *Regexp) String() string { return l.src }

func (l *Regexp) MatchString(s string) bool { return l.Get().MatchString(s) }

func (l *Regexp) FindStringIndex(s string) []int { return l.Get().FindStringIndex(s) }

func (l *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return l.Get().FindAllStringIndex(s, n)
}

func (l *Regexp) ReplaceAllString(src, repl string) string {
	return l.Get().ReplaceAllString(src, repl)
}
