package regulated

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// SuppressBelow is the small-cell rule of the quarterly report: a count
// from 1 to SuppressBelow-1 (1 to 10) is shown as "<11", never as its
// number, so a count cannot point at a handful of clients; zero is shown
// as 0. This threshold is our own choice, not a figure from Oregon's
// rules: ORS 475A.372 asks for de-identified data without fixing one, and
// service centres submit their SB 303 data through Oregon Psilocybin
// Services' own reporting portal and guide, after which OPS de-identifies
// it under OHA's data standards. A practice must confirm the rule OHA
// applies (the 303 Data Reporting Guide) and change this constant if it
// differs; the CSV is the practice's own summary, not OHA's submission.
const SuppressBelow = 11

// Cell formats a count under the small-cell rule.
func Cell(n int) string {
	if n > 0 && n < SuppressBelow {
		return "<" + strconv.Itoa(SuppressBelow)
	}
	return strconv.Itoa(n)
}

// Row is one count of a report.
type Row struct {
	Measure  string
	Category string
	Count    int
}

// Quarter is an Oregon reporting quarter.
type Quarter struct {
	Year, Q int
}

// ParseQuarter reads "2026-Q4".
func ParseQuarter(s string) (Quarter, error) {
	var q Quarter
	if len(s) == 7 && s[4:6] == "-Q" {
		y, err1 := strconv.Atoi(s[:4])
		n, err2 := strconv.Atoi(s[6:])
		if err1 == nil && err2 == nil && y >= 2023 && y <= 2100 && n >= 1 && n <= 4 {
			return Quarter{y, n}, nil
		}
	}
	return q, errs.Validation{"quarter": "choose a quarter such as 2026-Q4"}.Err()
}

// QuarterOf is the quarter t falls in (UTC).
func QuarterOf(t time.Time) Quarter {
	t = t.UTC()
	return Quarter{t.Year(), (int(t.Month())-1)/3 + 1}
}

func (q Quarter) String() string { return strconv.Itoa(q.Year) + "-Q" + strconv.Itoa(q.Q) }

// Bounds are the quarter's first instant and the next quarter's (UTC).
func (q Quarter) Bounds() (time.Time, time.Time) {
	from := time.Date(q.Year, time.Month((q.Q-1)*3+1), 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, 3, 0)
}

// OregonQuarter computes the SB 303 aggregate for the admin's practice
// (ORS 475A.372(2)(b)): clients served, individual and group
// administration sessions, denials by reason and adverse reactions by
// severity in the quarter. A client whose latest SB 303 client data form
// opts out is left out of every count (our reading: the opt-out covers
// all of the client's data; confirm against OHA's current rules); how
// many opted out is shown on its own line. Counts only leave through Cell. The export is audited.
func (s *Service) OregonQuarter(ctx context.Context, a policy.Actor, q Quarter) ([]Row, error) {
	if a.Role != account.Admin {
		return nil, errs.E(errs.Forbidden, "the practice admin downloads the quarterly report")
	}
	from, to := q.Bounds()
	var out []Row
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		prog, err := practice.ProgrammeOf(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		if prog != practice.Oregon {
			return errs.E(errs.Conflict, "the SB 303 quarterly report applies to practices under Oregon's programme")
		}
		optedOut, err := optOuts(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		served := map[int64]bool{}
		var individual, group int
		err = eachRow(ctx, tx, `SELECT client_id, session_type, group_session FROM regulated_sessions WHERE practice_id = ? AND started_at >= ? AND started_at < ?`,
			[]any{a.PracticeID, from, to}, func(sc func(...any) error) error {
				var id int64
				var kind string
				var grp bool
				if err := sc(&id, &kind, &grp); err != nil {
					return err
				}
				if optedOut[id] {
					return nil
				}
				served[id] = true
				if Kind(kind) == Administration {
					if grp {
						group++
					} else {
						individual++
					}
				}
				return nil
			})
		if err != nil {
			return err
		}
		denials := map[string]int{}
		err = eachRow(ctx, tx, `SELECT client_id, reason FROM regulated_denials WHERE practice_id = ? AND denied_at >= ? AND denied_at < ?`,
			[]any{a.PracticeID, from, to}, func(sc func(...any) error) error {
				var id int64
				var reason string
				if err := sc(&id, &reason); err != nil {
					return err
				}
				if !optedOut[id] {
					denials[reason]++
				}
				return nil
			})
		if err != nil {
			return err
		}
		severity := map[adverse.Severity]int{}
		err = eachRow(ctx, tx, `SELECT r.client_id, r.severity FROM adverse_reactions r JOIN clients c ON c.user_id = r.client_id
			WHERE c.practice_id = ? AND r.occurred_at >= ? AND r.occurred_at < ?`,
			[]any{a.PracticeID, from, to}, func(sc func(...any) error) error {
				var id int64
				var sev string
				if err := sc(&id, &sev); err != nil {
					return err
				}
				if !optedOut[id] {
					severity[adverse.Severity(sev)]++
				}
				return nil
			})
		if err != nil {
			return err
		}
		out = append(out, Row{"clients_served", "all", len(served)},
			Row{"administration_sessions", "individual", individual},
			Row{"administration_sessions", "group", group})
		for _, r := range DenialReasons {
			out = append(out, Row{"denials", r, denials[r]})
		}
		for _, sev := range adverse.Severities {
			out = append(out, Row{"adverse_reactions", sev.Label(), severity[sev]})
		}
		out = append(out, Row{"clients_opted_out", "excluded from every count above", len(optedOut)})
		return exportEvent(ctx, tx, a, "oregon_sb303_quarter", "quarter="+q.String(), s.now)
	})
	return out, err
}

// optOuts are the practice's clients whose latest SB 303 form opts out.
func optOuts(ctx context.Context, tx *store.Tx, practiceID int64) (map[int64]bool, error) {
	latest := map[int64]bool{}
	err := eachRow(ctx, tx, `SELECT client_id, opt_out FROM regulated_forms WHERE practice_id = ? AND form_key = 'sb303-client-data' ORDER BY signed_at, id`,
		[]any{practiceID}, func(sc func(...any) error) error {
			var id int64
			var opt bool
			if err := sc(&id, &opt); err != nil {
				return err
			}
			latest[id] = opt
			return nil
		})
	out := map[int64]bool{}
	for id, opt := range latest {
		if opt {
			out[id] = true
		}
	}
	return out, err
}

// WriteQuarterCSV writes the quarterly report with every count through
// the small-cell rule.
func WriteQuarterCSV(w io.Writer, practiceName string, q Quarter, rows []Row) error {
	c := csv.NewWriter(w)
	_ = c.Write([]string{"practice", "quarter", "measure", "category", "count"})
	for _, r := range rows {
		_ = c.Write([]string{practiceName, q.String(), r.Measure, r.Category, Cell(r.Count)})
	}
	_ = c.Write([]string{practiceName, q.String(), "note", "counts from 1 to " + strconv.Itoa(SuppressBelow-1) + " are shown as <" + strconv.Itoa(SuppressBelow), ""})
	c.Flush()
	return errs.Wrap(c.Error(), "writing the report")
}

// AdministrationRow is one line of Colorado's administration log export:
// de-identified (the client is a number within the export, the intention
// a category), with the facts the log keeps.
type AdministrationRow struct {
	Client      string // "client 1", "client 2", … in order of first administration
	Date        string
	Start, End  string // RFC 3339, UTC
	Minutes     int
	ProductID   string
	Amount      string
	Dose        string
	Group       bool
	Intention   string
	Transport   string // "as planned", "deviation documented", or ""
	MedicalCare bool
	Facilitator string
}

// ColoradoYear exports the admin's healing centre's administration log for
// a calendar year (UTC), audited. Deviations' text stays sealed: the log
// says only that one was documented.
func (s *Service) ColoradoYear(ctx context.Context, a policy.Actor, year int) ([]AdministrationRow, error) {
	if a.Role != account.Admin {
		return nil, errs.E(errs.Forbidden, "the practice admin exports the administration log")
	}
	if year < 2023 || year > 2100 {
		return nil, errs.Validation{"year": "choose a year such as 2026"}.Err()
	}
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []AdministrationRow
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		prog, err := practice.ProgrammeOf(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		if prog != practice.Colorado {
			return errs.E(errs.Conflict, "the administration log export applies to practices under Colorado's programme")
		}
		numbers := map[int64]int{}
		type sealedRow struct {
			entryID, clientID int64
			dose              sealedDose
		}
		var sealed []sealedRow
		err = eachRow(ctx, tx, `SELECT e.id, e.client_id, e.started_at, e.ended_at, `+doseSelect+`, e.group_session, e.intention, e.transport_followed, e.medical_care, u.name
			FROM regulated_sessions e JOIN users u ON u.id = e.recorded_by
			WHERE e.practice_id = ? AND e.session_type = 'administration' AND e.started_at >= ? AND e.started_at < ? ORDER BY e.started_at, e.id`,
			[]any{a.PracticeID, from, from.AddDate(1, 0, 0)}, func(sc func(...any) error) error {
				var r AdministrationRow
				var x sealedRow
				var start, end time.Time
				var followed *bool
				dest := append([]any{&x.entryID, &x.clientID, &start, &end}, x.dose.dests()...)
				if err := sc(append(dest, &r.Group, &r.Intention, &followed, &r.MedicalCare, &r.Facilitator)...); err != nil {
					return err
				}
				if numbers[x.clientID] == 0 {
					numbers[x.clientID] = len(numbers) + 1
				}
				r.Client = "client " + strconv.Itoa(numbers[x.clientID])
				start, end = start.UTC(), end.UTC()
				r.Date, r.Start, r.End, r.Minutes = start.Format("2006-01-02"), start.Format(time.RFC3339), end.Format(time.RFC3339), int(end.Sub(start).Minutes())
				switch {
				case followed == nil:
				case *followed:
					r.Transport = "as planned"
				default:
					r.Transport = "deviation documented"
				}
				out, sealed = append(out, r), append(sealed, x)
				return nil
			})
		if err != nil {
			return err
		}
		ops, err := s.vault.OpenersFor(ctx, tx, nil)
		if err != nil {
			return err
		}
		for i, x := range sealed { // opened after the rows close: the vault reads through tx
			out[i].ProductID, out[i].Amount, out[i].Dose, err = x.dose.open(ops.For(x.clientID), x.entryID)
			if errors.Is(err, vault.ErrErased) { // the client's records were destroyed: the row stays, its details are gone
				out[i].ProductID, out[i].Amount, out[i].Dose, err = "(destroyed)", "(destroyed)", "", nil
			}
			if err != nil {
				return err
			}
		}
		return exportEvent(ctx, tx, a, "colorado_administration_log", "year="+strconv.Itoa(year), s.now)
	})
	return out, err
}

// ColoradoColumns are the export's columns.
var ColoradoColumns = []string{"client", "date", "start_utc", "end_utc", "minutes", "product_id", "amount", "dose", "individual_or_group",
	"intention", "transportation", "adverse_reaction_needing_medical_care", "facilitator"}

// WriteYearCSV writes Colorado's yearly administration log.
func WriteYearCSV(w io.Writer, rows []AdministrationRow) error {
	c := csv.NewWriter(w)
	_ = c.Write(ColoradoColumns)
	yn := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	for _, r := range rows {
		kind := "individual"
		if r.Group {
			kind = "group"
		}
		_ = c.Write([]string{r.Client, r.Date, r.Start, r.End, strconv.Itoa(r.Minutes), csvSafe(r.ProductID), csvSafe(r.Amount), r.Dose, kind,
			r.Intention, r.Transport, yn(r.MedicalCare), csvSafe(r.Facilitator)})
	}
	c.Flush()
	return errs.Wrap(c.Error(), "writing the export")
}

// csvSafe keeps a typed value from being read as a formula by a
// spreadsheet.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}

func exportEvent(ctx context.Context, tx *store.Tx, a policy.Actor, resource, detail string, now func() time.Time) error {
	err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: now().UTC(), ActorID: a.UserID, ActorRole: string(a.Role), Action: audit.ActionExport,
		ResourceType: resource, ResourceID: idString(a.PracticeID), Outcome: audit.OutcomeOK, Detail: detail}))
	return errs.Wrap(err, "writing audit event")
}

// eachRow runs query and calls fn for each row with its Scan.
func eachRow(ctx context.Context, q store.Querier, query string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return errs.Wrap(err, "reading the regulated records")
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return errs.Wrap(err, "reading the regulated records")
		}
	}
	return errs.Wrap(rows.Err(), "reading the regulated records")
}
