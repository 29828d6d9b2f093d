package journal_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/blob"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

var t0 = time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC)

// scanner runs the real crisis-language scan and remembers what it saw.
type scanner struct{ kinds []string }

func (s *scanner) ScanText(_ context.Context, _ *store.Tx, _ int64, kind string, _ int64, text string) (safety.Level, error) {
	s.kinds = append(s.kinds, kind)
	return safety.Scan(text).Level, nil
}

func (s *scanner) RaiseScanned(_ context.Context, _ *store.Tx, _ int64, kind string, _ int64, res safety.Result) (safety.Level, error) {
	s.kinds = append(s.kinds, kind)
	return res.Level, nil
}

type fixture struct {
	db  *store.DB
	svc *journal.Service
	p   apptest.People
	sc  *scanner
}

func newFixture(t *testing.T, db *store.DB) fixture {
	now := func() time.Time { return t0 }
	p := apptest.MustPeople(t, db, t0, policy.Journal)
	bs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	v := apptest.MustVault(t, now)
	sc := &scanner{}
	svc := journal.NewService(journal.Deps{DB: db, Policy: policy.New(db, now, nil), Vault: v, Files: attachment.NewFiles(v, bs, now), Scan: sc, Now: now})
	return fixture{db: db, svc: svc, p: p, sc: sc}
}

func key(n int) string { return strings.Repeat("k", 15) + string(rune('a'+n)) }

func (f fixture) save(t *testing.T, in journal.Input) journal.Entry {
	t.Helper()
	e, err := f.svc.Save(context.Background(), f.p.Client, f.p.Client.UserID, in)
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	return e
}

func TestSaveIsIdempotentPerKey(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		first := f.save(t, journal.Input{Key: key(0), Body: "draft words", Draft: true})
		if first.Status != journal.Draft {
			t.Errorf("status = %s, want draft", first.Status)
		}
		saved := f.save(t, journal.Input{Key: key(0), Title: "Morning", Body: "The light on the water."})
		late := f.save(t, journal.Input{Key: key(0), Title: "Morning", Body: "The light on the water.", Draft: true})
		if saved.ID != first.ID || late.ID != first.ID {
			t.Fatalf("ids = %d, %d, %d; want one entry", first.ID, saved.ID, late.ID)
		}
		if late.Status != journal.Saved {
			t.Errorf("a late autosave turned the entry back into a %s", late.Status)
		}
		list, err := f.svc.List(ctx, f.p.Client, f.p.Client.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Body != "The light on the water." || list[0].Title != "Morning" {
			t.Errorf("list = %+v, want the one saved entry", list)
		}
		var n int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM journal_entries`).Scan(&n); err != nil || n != 1 {
			t.Errorf("rows = %d (%v), want 1", n, err)
		}
	})
}

func TestEntryIsEncryptedAtRest(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		e := f.save(t, journal.Input{Key: key(1), Title: "A title to hide", Body: "A sentence nobody else should read."})
		var title, body []byte
		if err := db.Reader().QueryRow(context.Background(), `SELECT title, body FROM journal_entries WHERE id = ?`, e.ID).Scan(&title, &body); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(body, []byte("nobody else")) || bytes.Contains(title, []byte("to hide")) || len(body) == 0 {
			t.Errorf("stored columns hold plaintext or nothing: title %q body %q", title, body)
		}
	})
}

func TestWhoSeesWhat(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		private := f.save(t, journal.Input{Key: key(2), Body: "private"})
		shared := f.save(t, journal.Input{Key: key(3), Body: "shared"})
		if err := f.svc.Share(ctx, f.p.Client, f.p.Client.UserID, shared.ID, true); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name  string
			actor policy.Actor
			entry journal.Entry
			want  string
		}{
			{"client reads own private entry", f.p.Client, private, "ok"},
			{"coach reads a private entry", f.p.Coach, private, "not_found"},
			{"coach reads a shared entry", f.p.Coach, shared, "ok"},
			{"another coach reads a shared entry", f.p.OtherCoach, shared, "not_found"},
			{"another client reads a shared entry", f.p.Client2, shared, "not_found"},
			{"consented clinician reads a shared entry", f.p.Clinician, shared, "ok"},
			{"consented clinician reads a private entry", f.p.Clinician, private, "not_found"},
			{"admin without break-glass", f.p.Admin, shared, "forbidden"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.svc.Get(ctx, tc.actor, f.p.Client.UserID, tc.entry.ID)
				if got := outcome(err); got != tc.want {
					t.Errorf("got %s (%v), want %s", got, err, tc.want)
				}
			})
		}
		list, err := f.svc.List(ctx, f.p.Coach, f.p.Client.UserID)
		if err != nil || len(list) != 1 || list[0].ID != shared.ID {
			t.Errorf("coach's list = %v (%v), want only the shared entry", list, err)
		}
		if err := f.svc.Share(ctx, f.p.Client, f.p.Client.UserID, shared.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Get(ctx, f.p.Coach, f.p.Client.UserID, shared.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("after revoking: got %v, want not found", err)
		}
		if err := f.svc.Share(ctx, f.p.Coach, f.p.Client.UserID, private.ID, true); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach shares a client's entry: got %v, want forbidden", err)
		}
	})
}

func TestSaveValidation(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		tests := []struct {
			name  string
			in    journal.Input
			field string
		}{
			{"empty body", journal.Input{Key: key(4), Body: "  "}, "body"},
			{"short key", journal.Input{Key: "abc", Body: "x"}, "key"},
			{"key with a slash", journal.Input{Key: strings.Repeat("a", 15) + "/", Body: "x"}, "key"},
			{"long title", journal.Input{Key: key(4), Title: strings.Repeat("t", journal.MaxTitle+1), Body: "x"}, "title"},
			{"long body", journal.Input{Key: key(4), Body: strings.Repeat("b", journal.MaxBody+1)}, "body"},
			{"NUL byte", journal.Input{Key: key(4), Body: "a\x00b"}, "body"},
			{"unknown prompt", journal.Input{Key: key(4), Body: "x", PromptID: 999999}, "prompt_id"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.svc.Save(context.Background(), f.p.Client, f.p.Client.UserID, tc.in)
				var e *errs.Error
				if !errs.Is(err, errs.Invalid) || !asErr(err, &e) || e.Fields[tc.field] == "" {
					t.Errorf("got %v, want invalid %s", err, tc.field)
				}
			})
		}
		ok := journal.Input{Key: key(5), Title: strings.Repeat("t", journal.MaxTitle), Body: strings.Repeat("b", journal.MaxBody)}
		if _, err := f.svc.Save(context.Background(), f.p.Client, f.p.Client.UserID, ok); err != nil {
			t.Errorf("at the limits: %v", err)
		}
	})
}

func TestSavedEntriesAreScanned(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		draft := f.save(t, journal.Input{Key: key(6), Body: "I want to kill myself", Draft: true})
		if draft.SafetyLevel != safety.None || len(f.sc.kinds) != 0 {
			t.Errorf("a draft was scanned: level %s, calls %v", draft.SafetyLevel, f.sc.kinds)
		}
		e := f.save(t, journal.Input{Key: key(6), Body: "I want to kill myself"})
		if e.SafetyLevel != safety.Urgent || len(f.sc.kinds) != 1 || f.sc.kinds[0] != "journal_entry" {
			t.Errorf("level %s, calls %v; want urgent after one journal_entry scan", e.SafetyLevel, f.sc.kinds)
		}
	})
}

func TestPromptsLibraryAndAssignment(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		lib, err := f.svc.Prompts(ctx, f.p.Client, 0)
		if err != nil {
			t.Fatal(err)
		}
		themes := map[journal.Theme]int{}
		for _, p := range lib {
			themes[p.Theme]++
		}
		for _, th := range journal.Themes {
			if themes[th] == 0 {
				t.Errorf("library has no prompt for theme %s", th)
			}
		}
		added, err := f.svc.AddPrompt(ctx, f.p.Coach, journal.ThemeBody, "Where do you feel calm?")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AddPrompt(ctx, f.p.Client, journal.ThemeBody, "x"); !errs.Is(err, errs.Forbidden) {
			t.Errorf("client adds a prompt: got %v, want forbidden", err)
		}
		if _, err := f.svc.AddPrompt(ctx, f.p.Coach, "nonsense", ""); !errs.Is(err, errs.Invalid) {
			t.Errorf("bad prompt: got %v, want invalid", err)
		}
		for i := 0; i < 2; i++ {
			if err := f.svc.Assign(ctx, f.p.Coach, f.p.Client.UserID, added.ID); err != nil {
				t.Fatalf("assign %d: %v", i, err)
			}
		}
		if err := f.svc.Assign(ctx, f.p.OtherCoach, f.p.Client.UserID, added.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("another coach assigns: got %v, want not found", err)
		}
		mine, err := f.svc.Prompts(ctx, f.p.Client, f.p.Client.UserID)
		if err != nil {
			t.Fatal(err)
		}
		assigned := 0
		for _, p := range mine {
			if p.Assigned {
				assigned++
				if p.ID != added.ID {
					t.Errorf("prompt %d marked assigned", p.ID)
				}
			}
		}
		if assigned != 1 || len(mine) != len(lib)+1 {
			t.Errorf("assigned = %d of %d, want 1 of %d", assigned, len(mine), len(lib)+1)
		}
		e := f.save(t, journal.Input{Key: key(7), Body: "calm in my hands", PromptID: added.ID})
		if e.PromptText != "Where do you feel calm?" {
			t.Errorf("prompt text = %q", e.PromptText)
		}
	})
}

func TestAttachments(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		e := f.save(t, journal.Input{Key: key(8), Body: "a drawing"})
		img := image.NewRGBA(image.Rect(0, 0, 640, 320))
		img.Set(3, 3, color.RGBA{200, 10, 10, 255})
		var buf bytes.Buffer
		_ = png.Encode(&buf, img)
		a, err := f.svc.Attach(ctx, f.p.Client, f.p.Client.UserID, e.ID, buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if a.Kind != attachment.Image || !a.HasThumb {
			t.Errorf("attachment = %+v, want an image with a thumbnail", a)
		}
		if _, err := f.svc.Attach(ctx, f.p.Client, f.p.Client.UserID, e.ID, []byte("not an image at all, just text")); !errs.Is(err, errs.Invalid) {
			t.Errorf("text file: got %v, want invalid", err)
		}
		_, thumb, err := f.svc.File(ctx, f.p.Client, f.p.Client.UserID, a.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(thumb))
		if err != nil || cfg.Width != journalThumb || cfg.Height != journalThumb/2 {
			t.Errorf("thumbnail %dx%d (%v), want %dx%d", cfg.Width, cfg.Height, err, journalThumb, journalThumb/2)
		}
		if _, _, err := f.svc.File(ctx, f.p.Coach, f.p.Client.UserID, a.ID, false); !errs.Is(err, errs.NotFound) {
			t.Errorf("coach reads an attachment of a private entry: got %v, want not found", err)
		}
		if err := f.svc.Share(ctx, f.p.Client, f.p.Client.UserID, e.ID, true); err != nil {
			t.Fatal(err)
		}
		_, data, err := f.svc.File(ctx, f.p.Coach, f.p.Client.UserID, a.ID, false)
		if err != nil || len(data) == 0 {
			t.Errorf("coach reads a shared attachment: %d bytes, %v", len(data), err)
		}
	})
}

const journalThumb = attachment.ThumbSize

func outcome(err error) string {
	if err == nil {
		return "ok"
	}
	return errs.KindOf(err).String()
}

func asErr(err error, target **errs.Error) bool {
	e, ok := err.(*errs.Error)
	if ok {
		*target = e
	}
	return ok
}
