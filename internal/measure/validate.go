package measure

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
)

const (
	maxItems  = 1000
	maxAnswer = 1_000_000
)

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Validate checks a definition is complete and self-consistent. It returns
// every problem found, joined, each prefixed by the instrument id.
func Validate(def *Definition) error {
	var errs []error
	add := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("instrument %q: "+format, append([]any{def.ID}, args...)...))
	}
	checkMetadata(def, add)
	checkItems(def, add)
	switch def.Scoring.Method {
	case MethodSum:
		checkSum(def, add)
	case MethodCSSRS:
		checkCSSRS(def, add)
	case MethodNone:
		if len(def.Bands)+len(def.Flags)+len(def.Clusters) > 0 {
			add("scoring method none cannot have bands, flags or clusters")
		}
	default:
		add("unknown scoring method %q (want sum, cssrs_screener or none)", def.Scoring.Method)
	}
	checkChange(def, add)
	return errors.Join(errs...)
}

type adder func(format string, args ...any)

func checkMetadata(def *Definition, add adder) {
	if !idPattern.MatchString(def.ID) {
		add("id must be lower case letters, digits or _, starting with a letter")
	}
	if def.Title == "" {
		add("title is required")
	}
	if def.Source == "" {
		add("source is required")
	}
	if def.Licence == "" {
		add("licence is required")
	}
	if def.RequiresLicence && def.Enabled {
		add("a licence-gated instrument must ship disabled (enabled: false)")
	}
}

func checkItems(def *Definition, add adder) {
	// The caps keep sums far from integer overflow and allocations sane.
	if def.ItemCount < 1 || def.ItemCount > maxItems {
		add("item_count must be 1..%d, got %d", maxItems, def.ItemCount)
	}
	if abs(def.AnswerRange.Min) > maxAnswer || abs(def.AnswerRange.Max) > maxAnswer {
		add("answer_range must lie within -%d..%d", maxAnswer, maxAnswer)
	}
	if def.AnswerRange.Min > def.AnswerRange.Max {
		add("answer_range min %d is above max %d", def.AnswerRange.Min, def.AnswerRange.Max)
	}
	if len(def.Items) == 0 {
		if def.WordingNote == "" {
			add("items are missing and no wording_note says why")
		}
		return
	}
	if len(def.Items) != def.ItemCount {
		add("item_count is %d but %d items are listed", def.ItemCount, len(def.Items))
	}
	checkOptions(def, "options", def.Options, add)
	keys := map[string]bool{}
	for i, item := range def.Items {
		if item.Text == "" {
			add("item %d has no text", i+1)
		}
		if item.Key != "" {
			if keys[item.Key] {
				add("item %d repeats key %q", i+1, item.Key)
			}
			keys[item.Key] = true
		}
		if len(item.Options) > 0 {
			checkOptions(def, fmt.Sprintf("item %d options", i+1), item.Options, add)
		} else if len(def.Options) == 0 {
			add("item %d has no answer options and there are no shared options", i+1)
		}
	}
}

// checkOptions requires unique values, each inside answer_range, and both
// ends of the range present (otherwise the range overstates the answers).
func checkOptions(def *Definition, what string, opts []Option, add adder) {
	if len(opts) == 0 {
		return
	}
	seen := map[int]bool{}
	lo, hi := opts[0].Value, opts[0].Value
	for _, o := range opts {
		if seen[o.Value] {
			add("%s repeat value %d", what, o.Value)
		}
		seen[o.Value] = true
		if o.Label == "" {
			add("%s value %d has no label", what, o.Value)
		}
		if o.Value < def.AnswerRange.Min || o.Value > def.AnswerRange.Max {
			add("%s value %d is outside answer_range %d..%d", what, o.Value, def.AnswerRange.Min, def.AnswerRange.Max)
		}
		lo, hi = min(lo, o.Value), max(hi, o.Value)
	}
	if lo != def.AnswerRange.Min || hi != def.AnswerRange.Max {
		add("%s span %d..%d but answer_range is %d..%d", what, lo, hi, def.AnswerRange.Min, def.AnswerRange.Max)
	}
}

func checkSum(def *Definition, add adder) {
	want := Range{def.ItemCount * def.AnswerRange.Min, def.ItemCount * def.AnswerRange.Max}
	if def.Scoring.Total != want {
		add("scoring total range %d..%d does not match %d items of %d..%d (want %d..%d)",
			def.Scoring.Total.Min, def.Scoring.Total.Max, def.ItemCount,
			def.AnswerRange.Min, def.AnswerRange.Max, want.Min, want.Max)
	}
	if def.Scoring.PercentMultiplier < 0 {
		add("percent_multiplier must not be negative")
	}
	checkBands(def, add)
	checkFlags(def, add)
	checkClusters(def, add)
}

// checkBands requires bands that tile the total range exactly: sorted by
// Min, the first starts at the range minimum, each starts one after the
// previous ends, the last ends at the range maximum.
func checkBands(def *Definition, add adder) {
	if len(def.Bands) == 0 {
		add("a summed instrument needs severity bands")
		return
	}
	bands := append([]Band(nil), def.Bands...)
	sort.Slice(bands, func(i, j int) bool { return bands[i].Min < bands[j].Min })
	next := def.Scoring.Total.Min
	labels := map[string]bool{}
	for _, b := range bands {
		switch {
		case b.Label == "":
			add("band %d..%d has no label", b.Min, b.Max)
		case labels[b.Label]:
			add("band label %q is used twice", b.Label)
		}
		labels[b.Label] = true
		if b.Min > b.Max {
			add("band %q min %d is above max %d", b.Label, b.Min, b.Max)
		}
		if b.Min > next {
			add("bands leave a gap at %d..%d", next, b.Min-1)
		} else if b.Min < next {
			add("band %q overlaps the previous band or starts below the total range at %d", b.Label, b.Min)
		}
		next = b.Max + 1
	}
	if last := bands[len(bands)-1]; last.Max != def.Scoring.Total.Max {
		add("bands end at %d but the total range ends at %d", last.Max, def.Scoring.Total.Max)
	}
}

func checkFlags(def *Definition, add adder) {
	names := map[string]bool{}
	for _, f := range def.Flags {
		if f.Name == "" || names[f.Name] {
			add("flag name %q is empty or repeated", f.Name)
		}
		names[f.Name] = true
		limit := def.Scoring.Total
		if f.Item != 0 {
			if f.Item < 1 || f.Item > def.ItemCount {
				add("flag %q refers to item %d of %d", f.Name, f.Item, def.ItemCount)
				continue
			}
			limit = def.AnswerRange
		}
		if f.Min > f.Max || f.Min < limit.Min || f.Max > limit.Max {
			add("flag %q range %d..%d is empty or outside %d..%d", f.Name, f.Min, f.Max, limit.Min, limit.Max)
		}
	}
}

func checkClusters(def *Definition, add adder) {
	names := map[string]bool{}
	for _, c := range def.Clusters {
		if c.Name == "" || names[c.Name] {
			add("cluster name %q is empty or repeated", c.Name)
		}
		names[c.Name] = true
		if c.First < 1 || c.Last > def.ItemCount || c.First > c.Last {
			add("cluster %q items %d..%d are outside 1..%d", c.Name, c.First, c.Last, def.ItemCount)
		}
	}
}

// cssrsKeys are the answer keys the screener's risk rule reads.
var cssrsKeys = []string{"q1", "q2", "q3", "q4", "q5", "q6", "q6_within_3_months"}

func checkCSSRS(def *Definition, add adder) {
	if def.AnswerRange != (Range{0, 1}) {
		add("the C-SSRS screener answers are yes/no (answer_range 0..1)")
	}
	if len(def.Items) == 0 {
		return
	}
	have := map[string]bool{}
	for _, item := range def.Items {
		have[item.Key] = true
	}
	for _, k := range cssrsKeys {
		if !have[k] {
			add("the C-SSRS screener needs an item keyed %q", k)
		}
	}
}

func checkChange(def *Definition, add adder) {
	if r := def.Reliability; r != nil {
		if r.SD <= 0 || r.RetestR <= 0 || r.RetestR >= 1 {
			add("reliability needs sd > 0 and 0 < retest_r < 1")
		}
		if r.Source == "" {
			add("reliability needs a source")
		}
	}
	if m := def.MCID; m != nil && (m.Value <= 0 || m.Source == "") {
		add("mcid needs a positive value and a source")
	}
	if r := def.RemissionBelow; r != nil && (*r <= def.Scoring.Total.Min || *r > def.Scoring.Total.Max) {
		add("remission_below %d is outside the total range", *r)
	}
}
