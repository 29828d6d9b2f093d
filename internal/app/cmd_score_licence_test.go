package app_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// testWording is a test-only wording file for MEQ-30: placeholder items,
// no licensed text.
var testWording = filepath.Join("testdata", "wording")

// TestScoreLicensedInstrument: the configuration switches MEQ-30 on with a
// licence reference and the deployment's wording file; `afterward score`
// then scores it, and without the switch it is refused with its licence.
func TestScoreLicensedInstrument(t *testing.T) {
	answers := "[" + strings.TrimSuffix(strings.Repeat("4,", 30), ",") + "]"
	env := map[string]string{"AFTERWARD_INSTRUMENT_WORDING_DIR": testWording, "AFTERWARD_LICENSED_INSTRUMENTS": "meq30=Test permission 2026-01"}
	code, stdout, stderr := run(t, answers, env, "score", "meq30")
	if want := `{"instrument":"meq30","total":120,"severity":"test high","flags":[],"clusters":{"test_a":60,"test_b":60}}` + "\n"; code != 0 || stdout != want {
		t.Errorf("enabled: exit %d stdout %q stderr %q; want %q", code, stdout, stderr, want)
	}

	code, stdout, stderr = run(t, answers, map[string]string{"AFTERWARD_INSTRUMENT_WORDING_DIR": testWording}, "score", "meq30")
	checkUsageError(t, code, stdout, stderr, "meq30 is disabled until licensed")
	if !strings.Contains(stderr, "Licence: Research instrument: use needs the authors' permission") {
		t.Errorf("stderr = %q, want the instrument's licence", stderr)
	}

	for _, tc := range []struct{ name, list, want string }{
		{"no reference", "meq30", "give each instrument as id=licence reference"},
		{"empty reference", "meq30= ", "give each instrument as id=licence reference"},
		{"unknown instrument", "bdi=ref", `unknown instrument "bdi"`},
		{"not licence-gated", "phq9=ref", "phq9 needs no licence switch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, answers, map[string]string{"AFTERWARD_LICENSED_INSTRUMENTS": tc.list}, "score", "meq30")
			checkUsageError(t, code, stdout, stderr, tc.want)
		})
	}
	code, stdout, stderr = run(t, answers, map[string]string{"AFTERWARD_INSTRUMENT_WORDING_DIR": filepath.Join("testdata", "nope")}, "score", "meq30")
	checkUsageError(t, code, stdout, stderr, "AFTERWARD_INSTRUMENT_WORDING_DIR")
}
