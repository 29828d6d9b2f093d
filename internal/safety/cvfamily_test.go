package safety

import (
	"bufio"
	"os"
	"sort"
	"strings"
	"testing"
)

// familyOf reads the second column of each text of files, in the order
// parseCorpus reads them: a benign text's family of hard negative, a
// risky text's kind. "other" (the older sets) is "other_person".
func familiesOf(t testing.TB, files []string) []string {
	t.Helper()
	var out []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for sc.Scan() {
			cols := strings.SplitN(sc.Text(), "\t", 3)
			if len(cols) != 3 || strings.HasPrefix(cols[0], "#") {
				continue
			}
			fam := cols[1]
			if fam == "other" {
				fam = "other_person"
			}
			out = append(out, fam)
		}
		f.Close()
	}
	return out
}

// TestLearnedCVFamilies (SAFETY_FAMILIES=1) breaks the held-out false
// alarms down by family of hard negative and by the layer that raised
// them, and the held-out risky texts missed by kind: the rules alone
// (with the frames), the rules and the sentence model, or the text layer
// (its own guess, or a match of the layers before that its vetoes left).
// It reads counts, never texts: it is how a change is chosen for a
// family, not for a sentence.
func TestLearnedCVFamilies(t *testing.T) {
	if os.Getenv("SAFETY_FAMILIES") == "" {
		t.Skip("set SAFETY_FAMILIES=1 to break the held-out false alarms down by family and layer")
	}
	type cell struct{ n, rules, nb, text, full int }
	fams := map[string]*cell{}
	kinds := map[string]*cell{}
	perWriter := map[string]map[string]int{}
	reasons := map[string]int{}
	heldOutFolds(t, func(group string, l models, held []labelled) {
		var files []string
		for _, g := range writerGroups {
			if g.name == group {
				files = g.files
			}
		}
		labels := familiesOf(t, files)
		perWriter[group] = map[string]int{}
		for i, ex := range held {
			res := scan(ex.text, l)
			full := res.Level > None
			if ex.class == nbNone && full {
				seen := map[string]bool{}
				for _, m := range res.Matches {
					r := labels[i] + " " + string(m.Reason) + "/" + m.Level.String()
					if !seen[r] {
						seen[r] = true
						reasons[r]++
					}
				}
			}
			rules := scan(ex.text, models{}).Level > None
			nb := scan(ex.text, models{nb: l.nb}).Level > None
			m := kinds
			if ex.class == nbNone {
				m = fams
			}
			c := m[labels[i]]
			if c == nil {
				c = &cell{}
				m[labels[i]] = c
			}
			c.n++
			if ex.class == nbNone {
				if full {
					c.full++
					perWriter[group][labels[i]]++
					switch {
					case rules:
						c.rules++
					case nb:
						c.nb++
					default:
						c.text++
					}
				}
				continue
			}
			if !full {
				c.full++
			}
		}
	})
	for _, what := range []string{"family", "kind"} {
		m := fams
		if what == "kind" {
			m = kinds
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c := m[k]
			if what == "family" {
				t.Logf("family %-13s flagged %3d/%-4d  left by the text layer from rules %3d, from the sentence model %3d; its own guess %3d", k, c.full, c.n, c.rules, c.nb, c.text)
			} else {
				t.Logf("kind   %-13s missed  %3d/%-4d", k, c.full, c.n)
			}
		}
	}
	rk := make([]string, 0, len(reasons))
	for r := range reasons {
		rk = append(rk, r)
	}
	sort.Strings(rk)
	for _, r := range rk {
		t.Logf("false alarm reason %-40s %d", r, reasons[r])
	}
	for _, g := range writerGroups {
		t.Logf("%s false alarms by family: %v", g.name, perWriter[g.name])
	}
}
