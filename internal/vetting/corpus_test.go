package vetting_test

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/vetting"
)

// maxVariants bounds how many texts one template line of the development
// corpus expands to, so that a line with many alternations does not
// outweigh the others.
const maxVariants = 40

// loadCorpus reads the development corpus: each line of testdata/dev/*.txt
// is "labels | template", labels being "clean" or a comma-separated list of
// category short names, and the template a text in which "{a|b|c}" offers
// alternatives. Every line expands into up to maxVariants labelled bios,
// chosen with a fixed seed so the corpus is the same on every run.
func loadCorpus(t *testing.T) map[string][]bio {
	t.Helper()
	files, err := filepath.Glob("testdata/dev/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no development corpus: %v", err)
	}
	out := map[string][]bio{}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			labels, template, ok := strings.Cut(line, " | ")
			if !ok {
				t.Fatalf("%s:%d: want \"labels | template\"", path, n)
			}
			cats := parseLabels(t, path, n, labels)
			name := strings.TrimSuffix(filepath.Base(path), ".txt")
			for i, text := range expand(template, uint64(n)) {
				out[name] = append(out[name], bio{ID: name + ":" + itoa(n) + "." + itoa(i), Categories: cats, Text: text})
			}
		}
		f.Close()
	}
	return out
}

var shortNames = map[string]vetting.Category{
	"og": vetting.OutcomeGuarantee, "sp": vetting.SubstanceProvision,
	"isg": vetting.InSessionGuidance, "cc": vetting.ClinicalClaim,
}

func parseLabels(t *testing.T, path string, n int, labels string) []vetting.Category {
	if labels == "clean" {
		return nil
	}
	var cats []vetting.Category
	for _, l := range strings.Split(labels, ",") {
		c, ok := shortNames[strings.TrimSpace(l)]
		if !ok {
			t.Fatalf("%s:%d: unknown label %q", path, n, l)
		}
		cats = append(cats, c)
	}
	return cats
}

// expand returns the distinct texts of a template, all of them when there
// are few, otherwise maxVariants drawn with a seed.
func expand(template string, seed uint64) []string {
	var parts [][]string // literal parts have one option
	for rest := template; rest != ""; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			parts = append(parts, []string{rest})
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			parts = append(parts, []string{rest})
			break
		}
		parts = append(parts, []string{rest[:open]}, strings.Split(rest[open+1:open+end], "|"))
		rest = rest[open+end+1:]
	}
	total := 1
	for _, p := range parts {
		total *= len(p)
		if total > 1<<20 {
			break
		}
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	seen := map[string]bool{}
	var out []string
	for i := 0; i < total && len(out) < maxVariants && i < 20*maxVariants; i++ {
		var sb strings.Builder
		k := i
		for _, p := range parts {
			choice := k % len(p)
			if total > maxVariants {
				choice = rng.IntN(len(p))
			}
			k /= len(p)
			sb.WriteString(p[choice])
		}
		// "\n" in a template is a line break (bullet lists).
		text := strings.ReplaceAll(strings.Join(strings.Fields(sb.String()), " "), `\n`, "\n")
		if !seen[text] {
			seen[text] = true
			out = append(out, text)
		}
	}
	return out
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}

// TestDevelopmentCorpus reports recall per category and false flags on
// clean texts for each family of the development corpus, and holds the
// pooled figures to the targets. The corpus was written to develop the
// screener, so these figures are in-sample.
func TestDevelopmentCorpus(t *testing.T) {
	corpus := loadCorpus(t)
	names := make([]string, 0, len(corpus))
	var all []bio
	for name := range corpus {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		all = append(all, corpus[name]...)
		evaluate(corpus[name]).summary(t, "dev/"+name)
	}
	e := evaluate(all)
	t.Logf("development corpus: %d texts from %d files", len(all), len(names))
	minRecall, falseFlags := e.summary(t, "dev (all)")
	if testing.Verbose() {
		for _, m := range e.mistakes {
			t.Logf("dev %s", m)
		}
	}
	if minRecall < 0.9 {
		t.Errorf("development corpus: lowest recall = %.2f, want >= 0.90", minRecall)
	}
	if falseFlags > 0.05 {
		t.Errorf("development corpus: clean texts flagged = %.3f, want <= 0.05", falseFlags)
	}
}
