package safety_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/safety"
)

// journalMB builds about 1 MB of journal-like text from the evaluation
// sentences, numbered so that no two sentences are byte-identical.
func journalMB(b *testing.B) string {
	b.Helper()
	data, err := os.ReadFile("testdata/eval_dev.tsv")
	if err != nil {
		b.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if cols := strings.SplitN(l, "\t", 3); len(cols) == 3 && !strings.HasPrefix(l, "#") {
			lines = append(lines, cols[2])
		}
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		fmt.Fprintf(&sb, "Day %d. %s\n", i, lines[i%len(lines)])
	}
	return sb.String()
}

// BenchmarkScan1MB measures scanning 1 MB of journal text; the command
// accepts up to 1 MB, which should take well under a second.
func BenchmarkScan1MB(b *testing.B) {
	text := journalMB(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		safety.Scan(text)
	}
}
