package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/afterward/afterward/internal/licence"
	"github.com/afterward/afterward/internal/measure"
)

// instrumentsDirEnv names a directory of extra instrument definitions a
// practice adds without code changes.
const instrumentsDirEnv = "AFTERWARD_INSTRUMENTS_DIR"

// Licensed instruments: the deployment's wording files for licence-gated
// instruments, and the ones it switches on with their licence references
// ("meq30=Permission letter 2026-01-05,ceq=…"). See package licence.
const (
	wordingDirEnv          = "AFTERWARD_INSTRUMENT_WORDING_DIR"
	licensedInstrumentsEnv = "AFTERWARD_LICENSED_INSTRUMENTS"
)

// maxAnswersBytes bounds what score reads from standard input.
const maxAnswersBytes = 64 << 10

// runScore implements `afterward score INSTRUMENT`: answers as JSON on
// standard input, the scored result as JSON on standard output. The id is
// matched case-insensitively and echoed in lower case. Answers are clinical
// content: they are never echoed in error messages beyond the offending item.
func runScore(_ context.Context, env Env, args []string) error {
	if len(args) != 1 {
		return usagef("usage: afterward score INSTRUMENT (phq9, gad7, pcl5, who5 or cssrs) with answers as JSON on standard input")
	}
	reg, err := loadInstruments(env)
	if err != nil {
		return err
	}
	id := strings.ToLower(args[0])
	def, ok := reg.Lookup(id)
	if !ok {
		return usagef("unknown instrument %q (want one of %s)", args[0], strings.Join(reg.IDs(), ", "))
	}
	if !def.Enabled {
		return usagef("%s is disabled until licensed: a deployment must switch it on to confirm it holds permission (%s=%s=<licence reference>, or the admin's Licensed instruments page). Licence: %s", def.ID, licensedInstrumentsEnv, def.ID, def.Licence)
	}
	var out any
	switch def.Scoring.Method {
	case measure.MethodCSSRS:
		out, err = scoreCSSRS(env.Stdin)
	case measure.MethodSum:
		out, err = scoreSum(def, env.Stdin)
	default:
		return usagef("%s has no total score", def.ID)
	}
	if err != nil {
		return err
	}
	return writeJSON(env.Stdout, out)
}

func loadInstruments(env Env) (*measure.Registry, error) {
	reg, err := measure.Builtin()
	if err != nil {
		return nil, err
	}
	if dir := env.getenv(instrumentsDirEnv); dir != "" {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			return nil, usagef("%s: %s is not a directory of instrument definitions", instrumentsDirEnv, dir)
		}
		if err := reg.AddDir(os.DirFS(dir), "."); err != nil {
			return nil, usagef("%s: %v", instrumentsDirEnv, err)
		}
	}
	if dir := env.getenv(wordingDirEnv); dir != "" {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			return nil, usagef("%s: %s is not a directory of instrument wording files", wordingDirEnv, dir)
		}
		if err := reg.SupplyDir(os.DirFS(dir), "."); err != nil {
			return nil, usagef("%s: %v", wordingDirEnv, err)
		}
	}
	licensed, err := configuredLicences(env, reg)
	if err != nil {
		return nil, err
	}
	for id := range licensed {
		if err := reg.Enable(id); err != nil {
			return nil, usagef("%s: %v", licensedInstrumentsEnv, err)
		}
	}
	return reg, nil
}

// configuredLicences reads the instruments the configuration switches on.
func configuredLicences(env Env, reg *measure.Registry) (map[string]string, error) {
	m, err := licence.Configured(reg, env.getenv(licensedInstrumentsEnv))
	if err != nil {
		return nil, usagef("%s: %v", licensedInstrumentsEnv, err)
	}
	return m, nil
}

type scoreOutput struct {
	Instrument string         `json:"instrument"`
	Total      int            `json:"total"`
	Severity   string         `json:"severity"`
	Flags      []string       `json:"flags"`
	Percent    *int           `json:"percent,omitempty"`
	Clusters   map[string]int `json:"clusters,omitempty"`
}

func scoreSum(def *measure.Definition, stdin io.Reader) (any, error) {
	answers, err := decodeAnswers(stdin)
	if err != nil {
		return nil, err
	}
	res, err := measure.Score(def, answers)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return scoreOutput{res.Instrument, res.Total, res.Severity, res.Flags, res.Percent, res.Clusters}, nil
}

// decodeAnswers reads exactly one JSON array of integers and nothing after it.
func decodeAnswers(stdin io.Reader) ([]int, error) {
	raw, err := decodeOne(stdin)
	if err != nil {
		return nil, err
	}
	var values []json.RawMessage
	if !bytes.HasPrefix(raw, []byte("[")) || json.Unmarshal(raw, &values) != nil {
		return nil, usagef("answers must be a JSON array of integers")
	}
	answers := make([]int, len(values))
	for i, v := range values {
		n, err := strconv.Atoi(string(v))
		if err != nil {
			return nil, usagef("item %d: answer is not an integer", i+1)
		}
		answers[i] = n
	}
	return answers, nil
}

// decodeOne reads a single JSON value from r and rejects anything after it
// except white space.
func decodeOne(r io.Reader) (json.RawMessage, error) {
	if r == nil {
		return nil, usagef("no answers on standard input")
	}
	// Answers are a few hundred bytes; a bound keeps a mistaken pipe from
	// taking minutes and gigabytes.
	lr := &io.LimitedReader{R: r, N: maxAnswersBytes + 1}
	dec := json.NewDecoder(lr)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, usagef("no answers on standard input")
		}
		if lr.N <= 0 {
			return nil, usagef("standard input is larger than %d bytes; send one set of answers", maxAnswersBytes)
		}
		return nil, usagef("answers are not valid JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, usagef("unexpected content after the answers")
	}
	return raw, nil
}

type cssrsOutput struct {
	Instrument string `json:"instrument"`
	Risk       string `json:"risk"`
}

// scoreCSSRS reads {"q1": bool, …, "q6": bool, "q6_within_3_months": bool}.
// Omitted keys mean "no"; unknown keys and non-boolean values are errors.
func scoreCSSRS(stdin io.Reader) (any, error) {
	raw, err := decodeOne(stdin)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if !bytes.HasPrefix(raw, []byte("{")) || json.Unmarshal(raw, &fields) != nil {
		return nil, usagef(`cssrs answers must be a JSON object like {"q1": false, "q2": false, …, "q6_within_3_months": false}`)
	}
	var a measure.CSSRSAnswers
	targets := map[string]*bool{
		"q1": &a.Q1, "q2": &a.Q2, "q3": &a.Q3, "q4": &a.Q4, "q5": &a.Q5, "q6": &a.Q6,
		"q6_within_3_months": &a.Q6Within3Months,
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		target, ok := targets[k]
		if !ok {
			return nil, usagef("cssrs: unknown key %q (want q1…q6, q6_within_3_months)", k)
		}
		switch string(fields[k]) {
		case "true":
			*target = true
		case "false":
			*target = false
		default:
			return nil, usagef("cssrs: %s must be true or false", k)
		}
	}
	return cssrsOutput{Instrument: "cssrs", Risk: measure.CSSRSRisk(a)}, nil
}

// writeJSON prints v as one JSON document with a trailing newline.
func writeJSON(w io.Writer, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode output: %w", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
