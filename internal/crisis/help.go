package crisis

import (
	"slices"
	"strings"

	"github.com/afterward/afterward/internal/safety"
)

// Help is what to show someone at risk: a heading in plain words and the
// lines to call, the most useful first.
type Help struct {
	Heading string
	Lines   []Line
}

// psychiatric kinds want a clinician who can see the person today, rather
// than an emergency or a crisis line first.
var psychiatric = []safety.Kind{safety.KindPsychosis, safety.KindMania, safety.KindDissociation, safety.KindPanic,
	safety.KindRelapse, safety.KindEating, safety.KindHopelessness}

// HelpFor orders r's lines for the kinds of risk found. The most acute kind
// decides what comes first:
//   - medical or overdose: the emergency number, then poison control;
//   - violence or an unsafe home: the emergency number, then a
//     domestic-violence line;
//   - suicide or self-harm: the crisis lines;
//   - psychiatric kinds: the practice's same-day clinician contact, or the
//     crisis lines when the practice has not recorded one.
//
// The crisis lines and the emergency number always follow, each line once.
// Without kinds (a structured signal such as "I'm not safe right now", or
// a scan that named none) the emergency number comes first, then the
// crisis lines.
func HelpFor(r Region, kinds []safety.Kind) Help {
	has := func(ks ...safety.Kind) bool {
		return slices.ContainsFunc(kinds, func(k safety.Kind) bool { return slices.Contains(ks, k) })
	}
	var h Help
	switch {
	case has(safety.KindMedical, safety.KindOverdose):
		h.Heading = "Call emergency services or poison control now"
		h.Lines = append([]Line{r.Emergency}, r.Poison...)
	case has(safety.KindViolence, safety.KindUnsafeHome):
		h.Heading = "If you are in danger, call emergency services now"
		h.Lines = append([]Line{r.Emergency}, r.Violence...)
	case has(safety.KindSuicide, safety.KindSelfHarm):
		h.Heading = "Talk to a crisis line now"
		h.Lines = slices.Clone(r.Lines)
	case has(psychiatric...) && r.Clinician != nil:
		h.Heading = "Talk to a clinician today"
		h.Lines = []Line{*r.Clinician}
	case has(psychiatric...):
		h.Heading = "Talk to someone today"
		h.Lines = slices.Clone(r.Lines)
	default:
		h.Heading = "Reach someone now"
		h.Lines = []Line{r.Emergency}
	}
	h.Lines = append(h.Lines, r.Lines...)
	h.Lines = append(h.Lines, r.Emergency)
	if has(psychiatric...) && r.Clinician != nil {
		h.Lines = append(h.Lines, *r.Clinician)
	}
	h.Lines = dedupe(h.Lines)
	return h
}

func dedupe(lines []Line) []Line {
	out := lines[:0:0]
	for _, l := range lines {
		if !slices.ContainsFunc(out, func(o Line) bool { return o.Name == l.Name && o.Contact == l.Contact }) {
			out = append(out, l)
		}
	}
	return out
}

// KindLabel is a kind of risk in plain words, for the client's help and the
// coach's queue.
func KindLabel(k safety.Kind) string {
	switch k {
	case safety.KindSuicide:
		return "Thoughts of suicide"
	case safety.KindSelfHarm:
		return "Self-harm"
	case safety.KindOverdose:
		return "Possible overdose or a dangerous mix of substances"
	case safety.KindMedical:
		return "Physical symptoms after a substance (possible medical emergency)"
	case safety.KindViolence:
		return "Violence or a threat of harm"
	case safety.KindPsychosis:
		return "Hearing or seeing things, or feeling watched"
	case safety.KindMania:
		return "Days without sleep or racing thoughts"
	case safety.KindDissociation:
		return "Feeling unreal or detached for a long time"
	case safety.KindPanic:
		return "Panic that does not settle"
	case safety.KindRelapse:
		return "Going back to problem substance use"
	case safety.KindUnsafeHome:
		return "Not safe at home"
	case safety.KindEating:
		return "Restricting, purging or bingeing"
	case safety.KindHopelessness:
		return "Feeling hopeless"
	}
	return string(k)
}

// KindLabels is KindLabel for each kind, in order.
func KindLabels(ks []safety.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = KindLabel(k)
	}
	return out
}

// ParseKinds reads a comma-separated list of kinds as stored with an
// alert, keeping only known kinds, in the order of safety.Kinds.
func ParseKinds(s string) []safety.Kind {
	var out []safety.Kind
	for _, k := range safety.Kinds {
		if hasField(s, string(k)) {
			out = append(out, k)
		}
	}
	return out
}

// hasField reports whether f is one of s's comma-separated fields, without
// splitting s (a safety queue parses every open alert's kinds).
func hasField(s, f string) bool {
	for {
		field, rest, more := strings.Cut(s, ",")
		if field == f {
			return true
		}
		if !more {
			return false
		}
		s = rest
	}
}

// FormatKinds is the stored form of kinds: comma-separated, known kinds
// only, in the order of safety.Kinds.
func FormatKinds(ks []safety.Kind) string {
	s := ""
	for _, k := range safety.Kinds {
		if slices.Contains(ks, k) {
			if s != "" {
				s += ","
			}
			s += string(k)
		}
	}
	return s
}
