package safety_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/safety"
)

// goldenPath pins every verdict of the scanner: the full result of every
// text of every testdata set (as written and upper-cased) and of long
// synthetic entries built from them. It exists so that work on the
// scanner's speed can prove it changed no result.
const goldenPath = "testdata/golden_scan.txt"

// goldenHeader is written at the top of the golden file.
const goldenHeader = `# Golden results of safety.Scan: one line per scanned text, "<sha256 of
# the text, 16 hex>\t<result as JSON>". This file is test data generated
# by TestScanGolden from the code (SAFETY_GOLDEN_UPDATE=1 go test -run
# TestScanGolden ./internal/safety/) and committed on purpose: it pins
# every verdict, so that a change meant to keep results (speed work, a
# refactor) proves it did. Regenerate it only when results are meant to
# change (new rules, a retrained model, new testdata), and say so in the
# commit. First generated from commit 8eb1129.
`

// goldenResult is everything Scan decides, including the fields the
// command's JSON leaves out (each match's kind, level and offsets).
type goldenResult struct {
	Level   safety.Level  `json:"level"`
	Kinds   []safety.Kind `json:"kinds"`
	Matches []goldenMatch `json:"matches"`
}

type goldenMatch struct {
	Phrase string        `json:"phrase"`
	Reason safety.Reason `json:"reason"`
	Kind   safety.Kind   `json:"kind"`
	Level  safety.Level  `json:"level"`
	Start  int           `json:"start"`
	End    int           `json:"end"`
}

func goldenOf(r safety.Result) string {
	g := goldenResult{Level: r.Level, Kinds: r.Kinds, Matches: []goldenMatch{}}
	for _, m := range r.Matches {
		g.Matches = append(g.Matches, goldenMatch{m.Phrase, m.Reason, m.Kind, m.Level, m.Start, m.End})
	}
	b, err := json.Marshal(g)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func textKey(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:8])
}

// goldenTexts returns every text the golden file covers, in a stable order.
func goldenTexts(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata sets: %v", err)
	}
	var texts, all []string
	for _, f := range files {
		for _, ex := range loadEval(t, f) {
			all = append(all, ex.text)
			texts = append(texts, ex.text, strings.ToUpper(ex.text))
		}
	}
	// Long entries: consecutive texts joined into about 5 KB, with a space
	// (one paragraph) and with new lines (one text per line).
	for _, sep := range []string{" ", "\n"} {
		var sb strings.Builder
		for _, text := range all {
			sb.WriteString(text)
			sb.WriteString(sep)
			if sb.Len() >= 5<<10 {
				texts = append(texts, sb.String())
				sb.Reset()
			}
		}
		texts = append(texts, sb.String())
	}
	return texts
}

// TestScanGolden compares the full result of every golden text with the
// committed golden file, exactly.
func TestScanGolden(t *testing.T) {
	texts := goldenTexts(t)
	if os.Getenv("SAFETY_GOLDEN_UPDATE") == "1" {
		writeGolden(t, texts)
		return
	}
	want := readGolden(t)
	mismatches := 0
	for _, text := range texts {
		key := textKey(text)
		w, ok := want[key]
		if !ok {
			t.Fatalf("text %s (%.60q) is not in %s: regenerate it if the testdata changed on purpose", key, text, goldenPath)
		}
		if got := goldenOf(safety.Scan(text)); got != w {
			mismatches++
			if mismatches <= 10 {
				t.Errorf("text %s (%.80q):\n got %s\nwant %s", key, text, got, w)
			}
		}
	}
	if mismatches > 0 {
		t.Errorf("%d of %d texts differ from %s", mismatches, len(texts), goldenPath)
	}
	t.Logf("%d texts match %s", len(texts), goldenPath)
}

func writeGolden(t *testing.T, texts []string) {
	var sb strings.Builder
	sb.WriteString(goldenHeader)
	seen := map[string]bool{}
	for _, text := range texts {
		key := textKey(text)
		if seen[key] {
			continue
		}
		seen[key] = true
		fmt.Fprintf(&sb, "%s\t%s\n", key, goldenOf(safety.Scan(text)))
	}
	if err := os.WriteFile(goldenPath, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d results to %s", len(seen), goldenPath)
}

func readGolden(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		key, result, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("%s: malformed line %.40q", goldenPath, sc.Text())
		}
		out[key] = result
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestScanConcurrent scans the same texts from several goroutines at once:
// the literal sets are shared between scans (literal.go), and each result
// must still be the one a lone scan gives. Run it with -race.
func TestScanConcurrent(t *testing.T) {
	texts := goldenTexts(t)[:400]
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = goldenOf(safety.Scan(text))
	}
	errs := make(chan string, 4*len(texts))
	done := make(chan struct{})
	for w := 0; w < 4; w++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range texts {
				k := (i + w*97) % len(texts)
				if got := goldenOf(safety.Scan(texts[k])); got != want[k] {
					errs <- fmt.Sprintf("text %d: concurrent %s, alone %s", k, got, want[k])
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
