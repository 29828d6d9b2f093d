package web

import (
	"testing"
)

// TestStylesheetBalanced guards against a lost brace (easy to drop when
// merging sections): everything after it would silently apply only inside
// a media query.
func TestStylesheetBalanced(t *testing.T) {
	css, err := staticFS.ReadFile("static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	var open []int
	line := 1
	for _, c := range string(css) {
		switch c {
		case '\n':
			line++
		case '{':
			open = append(open, line)
		case '}':
			if len(open) == 0 {
				t.Fatalf("line %d: } without {", line)
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		t.Errorf("app.css: { opened on line %d is never closed", open[0])
	}
}
