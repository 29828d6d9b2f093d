package triage

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
)

// fields is one decoded JSON object: its members by key, and the path used
// to name them in errors.
type fields struct {
	path    string
	allowed []string
	members map[string]json.RawMessage
	raw     json.RawMessage
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// object decodes raw as a JSON object whose keys must all be in allowed and
// appear once. Unknown keys are rejected rather than ignored so that a typo
// (has_therapst) cannot silently change a clinical decision.
func object(raw json.RawMessage, path string, allowed []string) (fields, error) {
	f := fields{path: path, allowed: allowed, members: map[string]json.RawMessage{}, raw: raw}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return f, fieldErr(path, "must be an object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return f, fieldErr(path, "not valid JSON")
		}
		key, _ := tok.(string)
		if !slices.Contains(allowed, key) {
			return f, fieldErr(f.child(displayKey(key)), "unknown field")
		}
		name := f.child(key)
		if _, dup := f.members[key]; dup {
			return f, fieldErr(name, "appears more than once")
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return f, fieldErr(name, "not valid JSON")
		}
		f.members[key] = value
	}
	return f, nil
}

// displayKey shows an unknown key safely on one line: plain identifiers as
// they are, anything else quoted, long keys cut short.
func displayKey(key string) string {
	const maxKey = 40
	plain := key != ""
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			plain = false
		}
	}
	if len(key) > maxKey {
		key, plain = key[:maxKey], false
	}
	if plain {
		return key
	}
	return strconv.QuoteToASCII(key)
}

func (f fields) child(key string) string {
	if f.path == "intake" {
		return key
	}
	return f.path + "." + key
}

// required returns a member that must be present and not null.
func (f fields) required(key string) (json.RawMessage, error) {
	v, ok := f.members[key]
	if !ok {
		return nil, fieldErr(f.child(key), "is required")
	}
	if isNull(v) {
		return nil, fieldErr(f.child(key), "must not be null")
	}
	return v, nil
}

// optional returns a member unless it is absent or null.
func (f fields) optional(key string) (json.RawMessage, bool) {
	v, ok := f.members[key]
	if !ok || isNull(v) {
		return nil, false
	}
	return v, true
}

func optionalObject(parent fields, key string, allowed []string) (fields, error) {
	v, ok := parent.optional(key)
	if !ok {
		return fields{}, nil
	}
	return object(v, parent.child(key), allowed)
}

func optionalBool(f fields, key string) (bool, error) {
	v, ok := f.optional(key)
	if !ok {
		return false, nil
	}
	switch string(bytes.TrimSpace(v)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fieldErr(f.child(key), "must be true or false")
}

func str(raw json.RawMessage, name string) (string, error) {
	var s string
	if bytes.TrimSpace(raw)[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", fieldErr(name, "must be a string")
	}
	return s, nil
}

func requiredEnum(f fields, key string, values []string) (string, error) {
	v, err := f.required(key)
	if err != nil {
		return "", err
	}
	return enum(v, f.child(key), values)
}

// optionalEnum returns none when the field is absent.
func optionalEnum(f fields, key string, values []string) (string, error) {
	v, ok := f.optional(key)
	if !ok {
		return None, nil
	}
	return enum(v, f.child(key), values)
}

func enum(raw json.RawMessage, name string, values []string) (string, error) {
	s, err := str(raw, name)
	if err != nil {
		return "", err
	}
	if !slices.Contains(values, s) {
		return "", fieldErr(name, "must be one of %s", strings.Join(values, ", "))
	}
	return s, nil
}

// timestamp parses an RFC 3339 date-time; any offset is kept in the value
// and comparisons and output convert to UTC. RFC 3339 allows a lower-case
// "t" and "z", which Go's parser does not, hence the ToUpper.
func timestamp(raw json.RawMessage, name string) (time.Time, error) {
	s, err := str(raw, name)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s))
	if err != nil {
		return time.Time{}, fieldErr(name, "must be an RFC 3339 date-time such as 2026-01-02T15:04:05Z")
	}
	return t, nil
}

// scores decodes an optional questionnaire: exactly n integers from 0 to max.
func scores(top fields, key string, n, maxScore int) ([]int, error) {
	v, ok := top.optional(key)
	if !ok {
		return nil, nil
	}
	var items []json.RawMessage
	if bytes.TrimSpace(v)[0] != '[' || json.Unmarshal(v, &items) != nil {
		return nil, fieldErr(key, "must be an array of %d integers", n)
	}
	if len(items) != n {
		return nil, fieldErr(key, "must have %d items, got %d", n, len(items))
	}
	out := make([]int, n)
	for i, item := range items {
		score, err := strconv.Atoi(string(bytes.TrimSpace(item)))
		if err != nil || score < 0 || score > maxScore {
			return nil, fieldErr(key+"["+strconv.Itoa(i)+"]", "must be an integer from 0 to %d", maxScore)
		}
		out[i] = score
	}
	return out, nil
}
