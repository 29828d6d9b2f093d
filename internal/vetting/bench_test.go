package vetting_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/afterward/afterward/internal/vetting"
)

// BenchmarkScreen1MB screens about 1 MB made of the evaluation bios, a
// realistic mix of clean and flagged sentences.
func BenchmarkScreen1MB(b *testing.B) {
	data, err := os.ReadFile("testdata/bios.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(data), (1<<20)/len(data)+1)[:1<<20]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		vetting.Screen(text)
	}
}

// BenchmarkScreen1MBUnique is the same text with every sentence numbered,
// so no sentence repeats and nothing is served from the per-call memo.
func BenchmarkScreen1MBUnique(b *testing.B) {
	data, err := os.ReadFile("testdata/bios.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		for j, sentence := range strings.Split(string(data), ". ") {
			fmt.Fprintf(&sb, "%d-%d %s. ", i, j, sentence)
		}
	}
	text := sb.String()[:1<<20]
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		vetting.Screen(text)
	}
}

// BenchmarkScreenProfile5KB screens one long profile of about 5 KB made of
// distinct sentences from the after-freeze bios, the size of the longest
// real profiles.
func BenchmarkScreenProfile5KB(b *testing.B) {
	var sb strings.Builder
	for _, name := range []string{"after1", "after2"} {
		data, err := os.ReadFile("testdata/" + name + ".jsonl")
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if _, text, ok := strings.Cut(line, `"text": "`); ok && sb.Len() < 5<<10 {
				sb.WriteString(strings.TrimSuffix(text, `"}`) + "\n")
			}
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		vetting.Screen(text)
	}
}
