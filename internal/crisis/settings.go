package crisis

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Override replaces one line of the region's defaults (or, for the
// clinician, adds one). Both fields empty means "use the default".
type Override struct {
	Name  string
	Phone string // digits, spaces, +, -, ( ) and dots; dialled as tel:
}

// Empty reports whether the override is unset.
func (o Override) Empty() bool { return o.Name == "" && o.Phone == "" }

func (o Override) line(role Role) Line {
	return Line{Name: o.Name, Contact: "Call " + o.Phone, Href: "tel:" + dialDigits(o.Phone), Role: role}
}

func dialDigits(phone string) string {
	var b strings.Builder
	for _, r := range phone {
		if r == '+' || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Settings are a practice's crisis help and safety-queue rules.
type Settings struct {
	PracticeID int64
	// Region picks the default lines; empty uses the practice's region.
	Region                                         string
	Emergency, Crisis, Poison, Violence, Clinician Override
	// AckWithin is how long, in office hours, an urgent alert may wait
	// unacknowledged before it is escalated to the practice admin.
	AckWithin time.Duration
	Office    OfficeHours
}

// DefaultAckWithin is the escalation time when a practice has set none.
const DefaultAckWithin = 30 * time.Minute

// DefaultSettings are what a practice gets before its admin changes
// anything: its region's lines, 30 minutes, Monday to Friday 9:00–17:00.
func DefaultSettings(practiceID int64) Settings {
	return Settings{PracticeID: practiceID, AckWithin: DefaultAckWithin, Office: DefaultOfficeHours}
}

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ().\-]{1,24}$`)

// Validate names each wrong field: overrides need both a name and a phone
// number that can be dialled; the escalation time is 5 minutes to a day.
func (s Settings) Validate() error {
	v := errs.Validation{}
	v.Check(s.Region == "" || Known(s.Region), "region", "choose one of the listed regions")
	for _, o := range s.overrides() {
		name, phone := o.field+"_name", o.field+"_phone"
		switch {
		case o.Empty():
		case o.Name == "":
			v.Add(name, "enter a name for this line, or clear the number")
		case o.Phone == "":
			v.Add(phone, "enter a phone number, or clear the name")
		}
		v.Check(utf8.RuneCountInString(o.Name) <= 100 && utf8.ValidString(o.Name) && !strings.ContainsAny(o.Name, "\x00\n\r"), name, "use at most 100 characters on one line")
		if o.Phone != "" {
			digits := len(strings.TrimPrefix(dialDigits(o.Phone), "+"))
			v.Check(phonePattern.MatchString(o.Phone) && digits >= 3 && digits <= 15, phone, "enter a phone number of 3 to 15 digits, such as 111 or +1 555 0100")
		}
	}
	v.Check(s.AckWithin >= 5*time.Minute && s.AckWithin <= 24*time.Hour, "ack_minutes", "enter minutes between 5 and 1440")
	if err := s.Office.Validate(); err != nil {
		var e *errs.Error
		if errors.As(err, &e) {
			for f, m := range e.Fields {
				v.Add(f, m)
			}
		}
	}
	return v.Err()
}

type namedOverride struct {
	Override
	field string
}

func (s Settings) overrides() []namedOverride {
	return []namedOverride{{s.Emergency, "emergency"}, {s.Crisis, "crisis"}, {s.Poison, "poison"}, {s.Violence, "violence"}, {s.Clinician, "clinician"}}
}

// Normalize trims every text field.
func (s *Settings) Normalize() {
	s.Region = strings.ToUpper(strings.TrimSpace(s.Region))
	for _, o := range []*Override{&s.Emergency, &s.Crisis, &s.Poison, &s.Violence, &s.Clinician} {
		o.Name, o.Phone = strings.TrimSpace(o.Name), strings.TrimSpace(o.Phone)
	}
}

// Apply returns the region the practice's clients see: the defaults of its
// region with its overrides in front. An override replaces the first line
// of its role (the emergency number itself, the first crisis line, …), so
// the other defaults stay listed after it.
func (s Settings) Apply(practiceRegion string) Region {
	code := s.Region
	if code == "" {
		code = practiceRegion
	}
	r := For(code)
	r.Lines, r.Poison, r.Violence = cloneLines(r.Lines), cloneLines(r.Poison), cloneLines(r.Violence)
	if !s.Emergency.Empty() {
		r.Emergency = s.Emergency.line(RoleEmergency)
	}
	r.Lines = replaceFirst(r.Lines, s.Crisis, RoleCrisis)
	r.Poison = replaceFirst(r.Poison, s.Poison, RolePoison)
	r.Violence = replaceFirst(r.Violence, s.Violence, RoleViolence)
	if !s.Clinician.Empty() {
		l := s.Clinician.line(RoleClinician)
		r.Clinician = &l
	}
	return r
}

func cloneLines(ls []Line) []Line { return append([]Line(nil), ls...) }

func replaceFirst(ls []Line, o Override, role Role) []Line {
	if o.Empty() {
		return ls
	}
	if len(ls) == 0 {
		return []Line{o.line(role)}
	}
	ls[0] = o.line(role)
	return ls
}

// Load reads a practice's settings, or the defaults when its admin has not
// saved any.
func Load(ctx context.Context, q store.Querier, practiceID int64) (Settings, error) {
	s := DefaultSettings(practiceID)
	var ack, start, end int
	var days string
	err := q.QueryRow(ctx, `SELECT region, emergency_name, emergency_phone, crisis_name, crisis_phone, poison_name, poison_phone,
		violence_name, violence_phone, clinician_name, clinician_phone, ack_minutes, office_days, office_start, office_end
		FROM practice_safety_settings WHERE practice_id = ?`, practiceID).Scan(&s.Region,
		&s.Emergency.Name, &s.Emergency.Phone, &s.Crisis.Name, &s.Crisis.Phone, &s.Poison.Name, &s.Poison.Phone,
		&s.Violence.Name, &s.Violence.Phone, &s.Clinician.Name, &s.Clinician.Phone, &ack, &days, &start, &end)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, errs.Wrap(err, "reading the practice's safety settings")
	}
	s.AckWithin = time.Duration(ack) * time.Minute
	s.Office = OfficeHours{Days: parseDays(days), Start: start, End: end}
	return s, nil
}

// save writes s in tx (the caller authorizes and audits).
func save(ctx context.Context, tx *store.Tx, s Settings, by int64, at time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO practice_safety_settings (practice_id, region, emergency_name, emergency_phone, crisis_name, crisis_phone,
		poison_name, poison_phone, violence_name, violence_phone, clinician_name, clinician_phone, ack_minutes, office_days, office_start, office_end,
		updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (practice_id) DO UPDATE SET region = excluded.region, emergency_name = excluded.emergency_name,
		emergency_phone = excluded.emergency_phone, crisis_name = excluded.crisis_name, crisis_phone = excluded.crisis_phone,
		poison_name = excluded.poison_name, poison_phone = excluded.poison_phone, violence_name = excluded.violence_name,
		violence_phone = excluded.violence_phone, clinician_name = excluded.clinician_name, clinician_phone = excluded.clinician_phone,
		ack_minutes = excluded.ack_minutes, office_days = excluded.office_days, office_start = excluded.office_start,
		office_end = excluded.office_end, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		s.PracticeID, s.Region, s.Emergency.Name, s.Emergency.Phone, s.Crisis.Name, s.Crisis.Phone, s.Poison.Name, s.Poison.Phone,
		s.Violence.Name, s.Violence.Phone, s.Clinician.Name, s.Clinician.Phone, int(s.AckWithin/time.Minute),
		formatDays(s.Office.Days), s.Office.Start, s.Office.End, at, by)
	return errs.Wrap(err, "saving the practice's safety settings")
}

func parseDays(s string) [7]bool {
	var out [7]bool
	for _, part := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(part)); err == nil && n >= 1 && n <= 7 {
			out[n%7] = true // ISO 1 = Monday … 7 = Sunday; time.Weekday Sunday = 0
		}
	}
	return out
}

func formatDays(days [7]bool) string {
	var parts []string
	for iso := 1; iso <= 7; iso++ {
		if days[iso%7] {
			parts = append(parts, strconv.Itoa(iso))
		}
	}
	return strings.Join(parts, ",")
}
