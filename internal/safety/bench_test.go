package safety_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

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

// entry5KB is a 5 KB journal entry as people write them: ordinary days
// and integration notes (the "general", "buried" and "psychedelic" benign
// texts of the development corpus) with one risky text in every ten.
// BenchmarkScan5KBAllRisky and BenchmarkScan5KBHardNegatives are the
// harder cases.
func entry5KB(b *testing.B) string {
	return entryFrom(b, "general", "buried", "psychedelic")
}

// entryFrom builds 5 KB from the benign texts of the given families (all
// families when none is given), with one risky text in every ten.
func entryFrom(b *testing.B, families ...string) string {
	b.Helper()
	var benign, risky []string
	for _, name := range []string{"testdata/dev_kinds.tsv", "testdata/dev_kinds2.tsv"} {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			cols := strings.SplitN(l, "\t", 3)
			if len(cols) != 3 || strings.HasPrefix(l, "#") {
				continue
			}
			if cols[0] == "none" && (len(families) == 0 || slices.Contains(families, cols[1])) {
				benign = append(benign, cols[2])
			} else if cols[0] == "none" {
				continue
			} else {
				risky = append(risky, cols[2])
			}
		}
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 5<<10; i++ {
		line := benign[i%len(benign)]
		if i%10 == 9 {
			line = risky[i%len(risky)]
		}
		sb.WriteString(line)
		sb.WriteString(" ")
	}
	return sb.String()
}

// BenchmarkScan5KB measures one long journal entry; the target is under
// 10 ms on one core (go test -bench Scan5KB -cpu 1 ./internal/safety/).
func BenchmarkScan5KB(b *testing.B) {
	benchScan(b, entry5KB(b))
}

// BenchmarkScan5KBHardNegatives is 5 KB of the hard negatives (past
// crises, courses, fiction, idioms, trip reports): nearly every sentence
// holds risk words, so every layer runs.
func BenchmarkScan5KBHardNegatives(b *testing.B) {
	benchScan(b, entryFrom(b))
}

// BenchmarkScan5KBAllRisky is the worst case: 5 KB of nothing but risky
// sentences, every one of which runs the frames and the concepts.
func BenchmarkScan5KBAllRisky(b *testing.B) {
	text := journalMB(b)
	cut := 5 << 10
	for cut < len(text) && text[cut] != '\n' {
		cut++
	}
	benchScan(b, text[:cut])
}

// benchScan also reports cpu-ms/op, the process CPU time per scan (with
// -cpu 1 that is the scan and its garbage collection), which unlike ns/op
// does not grow when other processes share the core.
func benchScan(b *testing.B, text string) {
	safety.Scan("warm up: the learned layer trains on first use")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	cpu0, ok := processCPU()
	for range b.N {
		safety.Scan(text)
	}
	if cpu1, _ := processCPU(); ok {
		b.ReportMetric(float64(cpu1-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
}
