package outcome

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Column names of the outcomes CSV.
const (
	ColClientID   = "client_id"
	ColSessions   = "sessions_90d"
	ColInstrument = "instrument"
	ColBaseline   = "baseline"
	ColMonth12    = "month12"
)

var requiredColumns = []string{ColClientID, ColSessions, ColInstrument, ColBaseline, ColMonth12}

// RowError names the line and column of a bad value. Row is the 1-based line
// number in the file, the header being line 1.
type RowError struct {
	Row    int
	Column string
	Msg    string
}

func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("row %d: %s", e.Row, e.Msg)
	}
	return fmt.Sprintf("row %d, column %s: %s", e.Row, e.Column, e.Msg)
}

// ReadCSV reads outcome rows. Columns are matched by header name (trimmed,
// case-insensitive) in any order; extra columns are ignored. Quoted fields,
// CRLF line endings, a UTF-8 byte-order mark and blank lines are accepted.
// Instrument values are matched case-insensitively against rules. An empty
// month12 marks a client lost to follow-up. Scores may be fractional but must
// lie in the instrument's range; sessions_90d must be a non-negative integer.
//
// A line longer than MaxLineBytes is refused before it is held in memory,
// and so is a client who appears twice for one instrument (counting them
// twice would weigh them double).
func ReadCSV(r io.Reader, rules map[string]Rule) ([]Row, error) {
	lines := &lineLimit{r: skipBOM(r), line: 1}
	cr := csv.NewReader(lines)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &RowError{Row: 1, Msg: "the file is empty (want a header row: " + strings.Join(requiredColumns, ",") + ")"}
	}
	if err != nil {
		return nil, csvError(err)
	}
	idx, err := columnIndex(header)
	if err != nil {
		return nil, err
	}
	var rows []Row
	seen := map[[2]string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if errors.Is(err, errLineTooLong) {
			return nil, &RowError{Row: lines.line, Msg: fmt.Sprintf("the line is longer than %d bytes", MaxLineBytes)}
		}
		if err != nil {
			return nil, csvError(err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a line of only spaces: treat like a blank line
		}
		line, _ := cr.FieldPos(0)
		row, err := parseRecord(rec, idx, line, rules)
		if err != nil {
			return nil, err
		}
		key := [2]string{row.ClientID, row.Instrument}
		if first, dup := seen[key]; dup {
			return nil, &RowError{Row: line, Column: ColClientID, Msg: fmt.Sprintf("client %q already has a %s row (row %d); give each client one row per instrument", row.ClientID, row.Instrument, first)}
		}
		seen[key] = line
		rows = append(rows, row)
	}
}

// MaxLineBytes bounds one line of the outcomes CSV; a real row is under
// a hundred bytes.
const MaxLineBytes = 64 << 10

var errLineTooLong = errors.New("line too long")

// lineLimit passes bytes through, failing once a line exceeds
// MaxLineBytes; line counts the lines started so far.
type lineLimit struct {
	r    io.Reader
	run  int
	line int
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			l.run = 0
			l.line++
			continue
		}
		if l.run++; l.run > MaxLineBytes {
			return i, errLineTooLong
		}
	}
	return n, err
}

func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	return br
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RowError{Row: pe.Line, Msg: "malformed CSV: " + pe.Err.Error()}
	}
	return fmt.Errorf("read CSV: %w", err)
}

func columnIndex(header []string) (map[string]int, error) {
	idx := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if _, dup := idx[name]; dup && name != "" {
			return nil, &RowError{Row: 1, Column: name, Msg: "appears twice in the header"}
		}
		idx[name] = i
	}
	for _, col := range requiredColumns {
		if _, ok := idx[col]; !ok {
			return nil, &RowError{Row: 1, Column: col, Msg: "missing from the header"}
		}
	}
	return idx, nil
}

func parseRecord(rec []string, idx map[string]int, line int, rules map[string]Rule) (Row, error) {
	field := func(col string) (string, error) {
		i := idx[col]
		if i >= len(rec) {
			return "", &RowError{Row: line, Column: col, Msg: "value is missing (the row has too few fields)"}
		}
		return strings.TrimSpace(rec[i]), nil
	}
	var row Row
	var err error
	if row.ClientID, err = field(ColClientID); err != nil {
		return row, err
	}
	if row.Sessions90, err = parseSessions(field, line); err != nil {
		return row, err
	}
	inst, err := field(ColInstrument)
	if err != nil {
		return row, err
	}
	row.Instrument = strings.ToLower(inst)
	rule, ok := rules[row.Instrument]
	if !ok {
		return row, &RowError{Row: line, Column: ColInstrument, Msg: fmt.Sprintf("unknown instrument %q (want one of %s)", inst, ruleNames(rules))}
	}
	if row.Baseline, err = parseScore(field, ColBaseline, line, rule, false); err != nil {
		return row, err
	}
	row.Month12, err = parseScore(field, ColMonth12, line, rule, true)
	row.FollowedUp = !math.IsNaN(row.Month12)
	if !row.FollowedUp {
		row.Month12 = 0
	}
	return row, err
}

func parseSessions(field func(string) (string, error), line int) (int, error) {
	s, err := field(ColSessions)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &RowError{Row: line, Column: ColSessions, Msg: fmt.Sprintf("%q is not a whole number", s)}
	}
	if n < 0 {
		return 0, &RowError{Row: line, Column: ColSessions, Msg: fmt.Sprintf("%d is negative", n)}
	}
	return n, nil
}

// parseScore parses a score in the rule's range. With allowEmpty, an empty
// value returns NaN (lost to follow-up).
func parseScore(field func(string) (string, error), col string, line int, rule Rule, allowEmpty bool) (float64, error) {
	s, err := field(col)
	if err != nil {
		return 0, err
	}
	if s == "" && allowEmpty {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, &RowError{Row: line, Column: col, Msg: fmt.Sprintf("%q is not a number", s)}
	}
	if v < rule.Min || v > rule.Max {
		return 0, &RowError{Row: line, Column: col, Msg: fmt.Sprintf("%s is outside the instrument's range %g..%g", s, rule.Min, rule.Max)}
	}
	return v, nil
}

func ruleNames(rules map[string]Rule) string {
	names := make([]string, 0, len(rules))
	for name := range rules {
		names = append(names, name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
