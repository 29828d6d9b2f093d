package questionnaire

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/outcome"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// ExportColumns is the header of the research export.
var ExportColumns = []string{"subject", "instrument", "timepoint", "date_shifted", "total", "severity", "dose_group", "substance", "context"}

// Suppressed replaces a value shared by fewer than outcome.MinReportable
// subjects in the export.
const Suppressed = "<10"

// MaxShiftDays bounds the per-subject date shift (either direction).
const MaxShiftDays = 182

// exportRow is one scored response before de-identification.
type exportRow struct {
	client             int64
	instrument, tp     string
	at                 time.Time
	total              int
	severity           string
	substance, context string
}

// ResearchExport writes the practice's scores as de-identified CSV for an
// admin: random subject codes, every date shifted by a random per-subject
// offset (the same within a subject, so intervals survive), no names, ids or
// free text, and substance or context values shared by fewer than 10
// subjects replaced by "<10". The export is audited.
func (s *Service) ResearchExport(ctx context.Context, a policy.Actor, w io.Writer) error {
	if a.Role != account.Admin {
		return errs.E(errs.Forbidden, "the research export is for the practice admin")
	}
	var rows []exportRow
	var sessions map[int64]int
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		ev := audit.Stamp(ctx, audit.Event{At: s.now(), ActorID: a.UserID, ActorRole: string(a.Role), Action: audit.ActionExport,
			ResourceType: "research_export", ResourceID: itoa(a.PracticeID), Outcome: audit.OutcomeOK})
		if err := audit.Append(ctx, tx, ev); err != nil {
			return errs.Wrap(err, "writing audit event")
		}
		var err error
		if sessions, err = s.sessionsWithin(ctx, tx, a.PracticeID, DoseWindow); err != nil {
			return err
		}
		rows, err = loadExportRows(ctx, tx, a.PracticeID)
		return err
	})
	if err != nil {
		return err
	}
	return writeExport(w, rows, sessions, randomSource{})
}

// Shifter gives each subject a date offset (random in production).
type Shifter interface {
	Offset() int // days in [-MaxShiftDays, MaxShiftDays]
}

type randomSource struct{}

func (randomSource) Offset() int {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int(binary.LittleEndian.Uint64(b[:])%uint64(2*MaxShiftDays+1)) - MaxShiftDays
}

func writeExport(w io.Writer, rows []exportRow, sessions map[int64]int, shift Shifter) error {
	substance, context := smallCells(rows)
	codes := subjectCodes(rows)
	offsets := map[int64]int{}
	cw := csv.NewWriter(w)
	if err := cw.Write(ExportColumns); err != nil {
		return err
	}
	for _, r := range rows {
		off, ok := offsets[r.client]
		if !ok {
			off = shift.Offset()
			offsets[r.client] = off
		}
		dose := "low"
		if sessions[r.client] >= outcome.HighDoseSessions {
			dose = "high"
		}
		rec := []string{codes[r.client], r.instrument, r.tp, r.at.AddDate(0, 0, off).Format("2006-01-02"), strconv.Itoa(r.total),
			r.severity, dose, suppress(r.substance, substance), suppress(r.context, context)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// smallCells counts distinct subjects per substance and per context.
func smallCells(rows []exportRow) (substance, context map[string]int) {
	substance, context = map[string]int{}, map[string]int{}
	seen := map[int64]bool{}
	for _, r := range rows {
		if seen[r.client] {
			continue
		}
		seen[r.client] = true
		substance[r.substance]++
		context[r.context]++
	}
	return substance, context
}

func suppress(v string, counts map[string]int) string {
	if outcome.Hidden(counts[v]) {
		return Suppressed
	}
	return v
}

// subjectCodes numbers subjects in a random order, so a code says nothing
// about when the client joined.
func subjectCodes(rows []exportRow) map[int64]string {
	var ids []int64
	seen := map[int64]bool{}
	for _, r := range rows {
		if !seen[r.client] {
			seen[r.client] = true
			ids = append(ids, r.client)
		}
	}
	keys := make(map[int64]uint64, len(ids))
	for _, id := range ids {
		var b [8]byte
		_, _ = rand.Read(b[:])
		keys[id] = binary.LittleEndian.Uint64(b[:])
	}
	sort.Slice(ids, func(i, j int) bool { return keys[ids[i]] < keys[ids[j]] })
	codes := make(map[int64]string, len(ids))
	for i, id := range ids {
		codes[id] = fmt.Sprintf("S%05d", i+1)
	}
	return codes
}

func loadExportRows(ctx context.Context, q store.Querier, practiceID int64) ([]exportRow, error) {
	rs, err := q.Query(ctx, `SELECT r.client_id, r.instrument, r.timepoint, r.answered_at, r.total, r.severity, c.substance, c.context
		FROM measure_responses r JOIN clients c ON c.user_id = r.client_id
		WHERE r.practice_id = ? AND r.total IS NOT NULL ORDER BY r.client_id, r.instrument, r.answered_at`, practiceID)
	if err != nil {
		return nil, errs.Wrap(err, "reading scores for export")
	}
	defer rs.Close()
	var out []exportRow
	for rs.Next() {
		var r exportRow
		var total sql.NullInt64
		if err := rs.Scan(&r.client, &r.instrument, &r.tp, &r.at, &total, &r.severity, &r.substance, &r.context); err != nil {
			return nil, errs.Wrap(err, "reading scores for export")
		}
		r.total = int(total.Int64)
		out = append(out, r)
	}
	return out, errs.Wrap(rs.Err(), "reading scores for export")
}
