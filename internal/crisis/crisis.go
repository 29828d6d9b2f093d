// Package crisis holds the crisis resources every client-facing surface
// links to: the emergency number and crisis lines for the practice's region.
// These are defaults; a practice can configure its own per region.
package crisis

import "sort"

// Line is one way to reach help.
type Line struct {
	Name    string // "Suicide & Crisis Lifeline"
	Contact string // "Call or text 988"
	Href    string // tel: or sms: link for phones; empty when not dialable
}

// Region is the set of resources for a country or area.
type Region struct {
	Code      string
	Name      string
	Emergency Line
	Lines     []Line
}

var defaults = map[string]Region{
	"US": {Code: "US", Name: "United States",
		Emergency: Line{"Emergency services", "Call 911", "tel:911"},
		Lines: []Line{
			{"988 Suicide & Crisis Lifeline", "Call or text 988", "tel:988"},
			{"Crisis Text Line", "Text HOME to 741741", "sms:741741?body=HOME"},
		}},
	"UK": {Code: "UK", Name: "United Kingdom",
		Emergency: Line{"Emergency services", "Call 999", "tel:999"},
		Lines: []Line{
			{"Samaritans", "Call 116 123 (free, 24 hours)", "tel:116123"},
		}},
	"CA": {Code: "CA", Name: "Canada",
		Emergency: Line{"Emergency services", "Call 911", "tel:911"},
		Lines: []Line{
			{"9-8-8 Suicide Crisis Helpline", "Call or text 988", "tel:988"},
		}},
	"AU": {Code: "AU", Name: "Australia",
		Emergency: Line{"Emergency services", "Call 000", "tel:000"},
		Lines: []Line{
			{"Lifeline", "Call 13 11 14", "tel:131114"},
		}},
	"EU": {Code: "EU", Name: "European Union",
		Emergency: Line{"Emergency services", "Call 112", "tel:112"},
		Lines:     nil,
	},
}

// For returns the resources for a region code, falling back to the US set
// (with every other region still listed by All).
func For(code string) Region {
	if r, ok := defaults[code]; ok {
		return r
	}
	return defaults["US"]
}

// All lists every region, the given one first.
func All(first string) []Region {
	out := make([]Region, 0, len(defaults))
	for _, r := range defaults {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Code == first) != (out[j].Code == first) {
			return out[i].Code == first
		}
		return out[i].Name < out[j].Name
	})
	return out
}
