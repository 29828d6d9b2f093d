// Command evalindependent measures `safety scan` and `vet-profile` on the
// sets written by evaluators blind to the code: by default the newest,
// internal/{safety,vetting}/testdata/blind, which nothing trains on
// (testdata/independent holds older ones, now training data): the same figures the
// issue's independent evaluation reports, per set, with per-kind and
// per-family counts. It only prints; the figures and when each set was run
// for the first time are recorded in the testdata READMEs.
//
//	go run ./scripts/evalindependent
//	go run ./scripts/evalindependent -safety 'DIR/*.tsv' -vet 'DIR/*.jsonl'
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/vetting"
)

// defaultSafety is where the newest blind safety sets are put.
const defaultSafety = "internal/safety/testdata/blind/*.tsv"

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "evalindependent:", err)
		os.Exit(1)
	}
}

func run() error {
	safetyGlob := flag.String("safety", defaultSafety, "safety sets to measure (glob; testdata/independent holds the older sets, now training data)")
	vetGlob := flag.String("vet", "internal/vetting/testdata/blind/*.jsonl", "vetting sets to measure (glob)")
	flag.Parse()
	tsvs, err := filepath.Glob(*safetyGlob)
	if err != nil {
		return fmt.Errorf("-safety %q: %v", *safetyGlob, err)
	}
	switch {
	case len(tsvs) > 0:
	case *safetyGlob != defaultSafety:
		return fmt.Errorf("-safety %q: no sets found (run from the repository root)", *safetyGlob)
	case isDir(filepath.Dir(defaultSafety)):
		// Between rounds the blind folder holds only its README: the
		// spent sets became training data and the next are not in yet.
		fmt.Printf("no safety sets in %s yet (its README says why)\n", filepath.Dir(defaultSafety))
	default:
		return fmt.Errorf("%s not found (run from the repository root)", filepath.Dir(defaultSafety))
	}
	for _, f := range tsvs {
		if err := safetySet(f); err != nil {
			return err
		}
	}
	jsonls, err := filepath.Glob(*vetGlob)
	if err != nil {
		return fmt.Errorf("-vet %q: %v", *vetGlob, err)
	}
	if len(jsonls) == 0 {
		// Between rounds the blind folder holds only its README: the spent
		// sets have moved to testdata/independent (training data).
		fmt.Printf("no vetting sets match %s (blind sets not yet added)\n", *vetGlob)
	}
	for _, f := range jsonls {
		if err := vetSet(f); err != nil {
			return err
		}
	}
	return nil
}

// tally counts hits out of a total under one name.
type tally map[string][2]int

func (t tally) add(name string, hit bool) {
	c := t[name]
	c[1]++
	if hit {
		c[0]++
	}
	t[name] = c
}

func (t tally) String() string {
	names := make([]string, 0, len(t))
	for n := range t {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, " %s %d/%d", n, t[n][0], t[n][1])
	}
	return b.String()
}

func ratio(c [2]int) string {
	if c[1] == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d=%.3f", c[0], c[1], float64(c[0])/float64(c[1]))
}

func safetySet(path string) error {
	lines, err := readLines(path)
	if err != nil {
		return err
	}
	total, kinds, families := tally{}, tally{}, tally{}
	for i, l := range lines {
		f := strings.SplitN(l, "\t", 3)
		if len(f) != 3 {
			return fmt.Errorf("%s:%d: want level<TAB>label<TAB>text", path, i+1)
		}
		got := safety.Scan(f[2])
		flagged := got.Level > safety.None
		switch f[0] {
		case "none":
			total.add("benign flagged", flagged)
			families.add(f[1], flagged)
		case "urgent", "concern":
			total.add("risky flagged", flagged)
			kinds.add(f[1], flagged)
			total.add("kind named", slices.Contains(got.Kinds, safety.Kind(f[1])))
			if f[0] == "urgent" {
				total.add("urgent rated urgent", got.Level == safety.Urgent)
			}
		default:
			return fmt.Errorf("%s:%d: level %q", path, i+1, f[0])
		}
	}
	fmt.Printf("%s: risky flagged %s, urgent rated urgent %s, benign flagged %s, kind named %s\n", filepath.Base(path),
		ratio(total["risky flagged"]), ratio(total["urgent rated urgent"]), ratio(total["benign flagged"]), ratio(total["kind named"]))
	fmt.Printf("  risky flagged per kind:%v\n  benign flagged per family:%v\n", kinds, families)
	return nil
}

func vetSet(path string) error {
	lines, err := readLines(path)
	if err != nil {
		return err
	}
	cats := tally{}
	for i, l := range lines {
		var bio struct {
			Categories []vetting.Category `json:"categories"`
			Text       string             `json:"text"`
		}
		if err := json.Unmarshal([]byte(l), &bio); err != nil {
			return fmt.Errorf("%s:%d: %v", path, i+1, err)
		}
		flags := vetting.Screen(bio.Text)
		if len(bio.Categories) == 0 {
			cats.add("clean flagged", len(flags) > 0)
			continue
		}
		for _, c := range bio.Categories {
			cats.add(string(c), slices.ContainsFunc(flags, func(f vetting.Flag) bool { return f.Category == c }))
		}
	}
	fmt.Printf("%s:%v\n", filepath.Base(path), cats)
	return nil
}

// readLines returns the non-empty, non-comment lines of a set.
func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<24)
	for s.Scan() {
		if l := s.Text(); strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, s.Err()
}
