// Package measure holds the questionnaires Afterward administers (PHQ-9,
// GAD-7, PCL-5, WHO-5, the C-SSRS screener, our own life-changes check and
// licence-gated research instruments) as data, and scores them.
//
// Every instrument is a JSON definition under instruments/ (embedded in the
// binary); a practice can add its own definitions from a directory without
// code changes. Definitions are validated when loaded, so a broken file fails
// at start-up with a clear error instead of mis-scoring a client later.
//
// The package is pure: no I/O beyond reading definition files, no logging.
// Answers and scores are clinical content and must never be logged by callers.
package measure

// Scoring methods a definition may declare.
const (
	// MethodSum adds the item values; bands, flags and clusters apply.
	MethodSum = "sum"
	// MethodCSSRS is the C-SSRS screener risk triage (yes/no items).
	MethodCSSRS = "cssrs_screener"
	// MethodNone marks instruments with no total (reported item by item).
	MethodNone = "none"
)

// Definition is one instrument, exactly as stored in its JSON file.
type Definition struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
	// Licence says under what terms the wording and scoring may be used.
	Licence string `json:"licence"`
	// CopyrightNotice must be shown with the instrument when set (C-SSRS).
	CopyrightNotice string `json:"copyright_notice,omitempty"`
	// Enabled is false for instruments that need a licence: a deployment
	// switches them on to confirm it holds permission.
	Enabled bool `json:"enabled"`
	// RequiresLicence marks instruments whose use needs permission.
	RequiresLicence bool `json:"requires_licence"`
	// WordingNote explains missing item text (licensed wording not shipped).
	WordingNote string `json:"wording_note,omitempty"`
	// Administer says when the instrument is given.
	Administer string `json:"administer,omitempty"`
	Preamble   string `json:"preamble,omitempty"`
	// SelfReportPreamble replaces an interviewer's preamble when the person
	// answers on their own (the C-SSRS screener's self-report form).
	SelfReportPreamble string       `json:"self_report_preamble,omitempty"`
	LOINC              LOINC        `json:"loinc,omitempty"`
	ItemCount          int          `json:"item_count"`
	AnswerRange        Range        `json:"answer_range"`
	Options            []Option     `json:"options,omitempty"`
	Items              []Item       `json:"items,omitempty"`
	Scoring            Scoring      `json:"scoring"`
	Bands              []Band       `json:"bands,omitempty"`
	Flags              []Flag       `json:"flags,omitempty"`
	Clusters           []Cluster    `json:"clusters,omitempty"`
	Reliability        *Reliability `json:"reliability,omitempty"`
	MCID               *MCID        `json:"mcid,omitempty"`
	// RemissionBelow is the follow-up total under which a client is in
	// remission (PHQ-9 5, GAD-7 5, PCL-5 33); nil when not defined.
	RemissionBelow *int `json:"remission_below,omitempty"`
}

// LOINC codes for the panel, the total score and the risk level.
type LOINC struct {
	Panel string `json:"panel,omitempty"`
	Total string `json:"total,omitempty"`
	Risk  string `json:"risk,omitempty"`
}

// Range is an inclusive integer range.
type Range struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// Option is one answer choice shared by every item (unless the item has its own).
type Option struct {
	Value int    `json:"value"`
	Label string `json:"label"`
}

// Item is one question. Key names the answer for keyed instruments (C-SSRS).
type Item struct {
	Key  string `json:"key,omitempty"`
	Text string `json:"text"`
	// SelfReportText is the item as the person reads it when answering
	// alone, without an interviewer's instruction ("If YES, ask:").
	SelfReportText string   `json:"self_report_text,omitempty"`
	LOINC          string   `json:"loinc,omitempty"`
	Options        []Option `json:"options,omitempty"`
}

// Scoring says how a total is computed.
type Scoring struct {
	Method string `json:"method"`
	// Total is the possible range of the total (sum method).
	Total Range `json:"total"`
	// PercentMultiplier turns the raw total into a percentage (WHO-5: 4).
	PercentMultiplier int `json:"percent_multiplier,omitempty"`
}

// Band is a labelled, inclusive range of totals.
type Band struct {
	Label string `json:"label"`
	Min   int    `json:"min"`
	Max   int    `json:"max"`
}

// Flag is raised when a value falls in [Min, Max]: the value of item Item
// (1-based) or, when Item is 0, the total.
type Flag struct {
	Name string `json:"name"`
	Item int    `json:"item,omitempty"`
	Min  int    `json:"min"`
	Max  int    `json:"max"`
}

// Cluster is a named sub-score over items First..Last (1-based, inclusive).
type Cluster struct {
	Name  string `json:"name"`
	First int    `json:"first"`
	Last  int    `json:"last"`
}

// Reliability holds the figures the reliable change index needs.
type Reliability struct {
	SD      float64 `json:"sd"`
	RetestR float64 `json:"retest_r"`
	Source  string  `json:"source"`
}

// MCID is the minimal clinically important difference on the total.
type MCID struct {
	Value  float64 `json:"value"`
	Source string  `json:"source"`
}

// SelfReport is the preamble a person answering alone reads.
func (d *Definition) SelfReport() string {
	if d.SelfReportPreamble != "" {
		return d.SelfReportPreamble
	}
	return d.Preamble
}

// SelfReport is the item's wording for a person answering alone.
func (it Item) SelfReport() string {
	if it.SelfReportText != "" {
		return it.SelfReportText
	}
	return it.Text
}
