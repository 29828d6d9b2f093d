package vetting_test

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/vetting"
)

// loadCorpus reads the development corpus: each line of testdata/dev/*.txt
// is "labels | template", labels being "clean" or a comma-separated list of
// category short names, and the template a text in which "{a|b|c}" offers
// alternatives. Every line expands into up to 40 labelled bios (as in training),
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
			for i, text := range vetting.ExpandTemplate(template, uint64(n)) {
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
