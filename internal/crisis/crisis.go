// Package crisis holds the crisis resources every client-facing surface
// links to: the emergency number, crisis lines, poison control and
// domestic-violence lines for the practice's region, and the order in which
// to show them for each kind of risk (help.go). These are defaults; a
// practice admin can override them and add a same-day clinician contact
// (settings.go).
package crisis

import "sort"

// Role is what a line is for; the help for a kind of risk orders lines by
// role.
type Role string

const (
	RoleEmergency Role = "emergency" // police, ambulance, fire
	RoleCrisis    Role = "crisis"    // suicide and crisis lines
	RolePoison    Role = "poison"    // poison control, or the health line that answers for it
	RoleViolence  Role = "violence"  // domestic-violence lines
	RoleClinician Role = "clinician" // the practice's same-day clinician contact
)

// Line is one way to reach help.
type Line struct {
	Name    string // "Suicide & Crisis Lifeline"
	Contact string // "Call or text 988"
	Href    string // tel: or sms: link for phones; empty when not dialable
	Role    Role
}

// Region is the set of resources for a country or area.
type Region struct {
	Code      string
	Name      string
	Emergency Line
	Lines     []Line // crisis lines
	Poison    []Line // poison control or the health line for poisoning
	Violence  []Line // domestic-violence lines
	// Clinician is the practice's same-day clinician contact, when the
	// practice recorded one; never a default.
	Clinician *Line
}

// Sources of the defaults (checked against the services' own sites; a
// practice can override any of them):
//   - US: 911; 988 Suicide & Crisis Lifeline (988lifeline.org); Crisis Text
//     Line, text HOME to 741741 (crisistextline.org); Poison Help
//     1-800-222-1222 (poisonhelp.hrsa.gov, America's Poison Centers);
//     National Domestic Violence Hotline 1-800-799-7233, text START to 88788
//     (thehotline.org).
//   - UK: 999; Samaritans 116 123 (samaritans.org); NHS 111 for urgent
//     medical help including poisoning (nhs.uk: the UK has no public
//     poison line, the National Poisons Information Service answers
//     clinicians); Refuge's National Domestic Abuse Helpline 0808 2000 247
//     (nationaldahelpline.org.uk).
//   - CA: 911; 9-8-8 Suicide Crisis Helpline (988.ca); poison centres'
//     national number 1-844-POISON-X, 1-844-764-7669 (Canadian poison
//     centres, 2023).
//   - AU: 000; Lifeline 13 11 14 (lifeline.org.au); Poisons Information
//     Centre 13 11 26 (healthdirect.gov.au); 1800RESPECT 1800 737 732
//     (1800respect.org.au).
//   - EU: 112, the single European emergency number. Poison centres and
//     crisis lines are national, so the EU set has none: a practice there
//     should add its country's lines in its safety settings.
var defaults = map[string]Region{
	"US": {Code: "US", Name: "United States",
		Emergency: Line{"Emergency services", "Call 911", "tel:911", RoleEmergency},
		Lines: []Line{
			{"988 Suicide & Crisis Lifeline", "Call or text 988", "tel:988", RoleCrisis},
			{"Crisis Text Line", "Text HOME to 741741", "sms:741741?body=HOME", RoleCrisis},
		},
		Poison: []Line{{"Poison Help", "Call 1-800-222-1222", "tel:18002221222", RolePoison}},
		Violence: []Line{
			{"National Domestic Violence Hotline", "Call 1-800-799-7233", "tel:18007997233", RoleViolence},
			{"National Domestic Violence Hotline by text", "Text START to 88788", "sms:88788?body=START", RoleViolence},
		}},
	"UK": {Code: "UK", Name: "United Kingdom",
		Emergency: Line{"Emergency services", "Call 999", "tel:999", RoleEmergency},
		Lines: []Line{
			{"Samaritans", "Call 116 123 (free, 24 hours)", "tel:116123", RoleCrisis},
		},
		Poison:   []Line{{"NHS 111 (urgent medical help, including poisoning)", "Call 111", "tel:111", RolePoison}},
		Violence: []Line{{"Refuge National Domestic Abuse Helpline", "Call 0808 2000 247 (free, 24 hours)", "tel:08082000247", RoleViolence}},
	},
	"CA": {Code: "CA", Name: "Canada",
		Emergency: Line{"Emergency services", "Call 911", "tel:911", RoleEmergency},
		Lines: []Line{
			{"9-8-8 Suicide Crisis Helpline", "Call or text 988", "tel:988", RoleCrisis},
		},
		Poison: []Line{{"Poison centre", "Call 1-844-764-7669 (1-844-POISON-X)", "tel:18447647669", RolePoison}},
	},
	"AU": {Code: "AU", Name: "Australia",
		Emergency: Line{"Emergency services", "Call 000", "tel:000", RoleEmergency},
		Lines: []Line{
			{"Lifeline", "Call 13 11 14", "tel:131114", RoleCrisis},
		},
		Poison:   []Line{{"Poisons Information Centre", "Call 13 11 26", "tel:131126", RolePoison}},
		Violence: []Line{{"1800RESPECT", "Call 1800 737 732", "tel:1800737732", RoleViolence}},
	},
	"EU": {Code: "EU", Name: "European Union",
		Emergency: Line{"Emergency services", "Call 112", "tel:112", RoleEmergency},
	},
}

// Known reports whether code is a region with defaults.
func Known(code string) bool {
	_, ok := defaults[code]
	return ok
}

// Codes lists the region codes with defaults, sorted.
func Codes() []string {
	out := make([]string, 0, len(defaults))
	for c := range defaults {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
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
