package demo

import (
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/checkin"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/journal"
	"github.com/afterward/afterward/internal/message"
	"github.com/afterward/afterward/internal/policy"
)

// ClientSpace are the client-space services built on a clock the seed
// moves, so demo entries, check-ins and messages are spread over the past
// weeks while still going through the services (policy, audit, vault,
// crisis scan).
type ClientSpace struct {
	Journal  *journal.Service
	CheckIns *checkin.Service
	Messages *message.Service
}

// JournalSentence is in a demo journal entry; a test checks it never
// appears in the database file in the clear.
const JournalSentence = "The river kept moving, and for the first time I felt I could move with it."

type demoEntry struct {
	ago         time.Duration
	title, body string
	theme       journal.Theme // prompt theme to write with ("" = none)
	shared      bool
}

var demoJournals = map[string][]demoEntry{
	"elena@client.example.org": {
		{14 * time.Hour, "Still humming", "Everything feels very *close* today. I keep thinking about the part where I saw my grandmother's kitchen.\n\nI want to remember the colours before they fade.", journal.ThemeExperience, false},
	},
	"david@client.example.org": {
		{40 * time.Hour, "After the session day", "I expected to feel lighter and mostly I feel tired. The team said that is common. Writing down three things I want to ask Jonah:\n\n- why the music mattered so much\n- how to talk to my brother about it\n- what to do with the anger", "", true},
	},
	"aisha@client.example.org": {
		{9 * day, "The second night", "I was afraid the whole first hour. Then something let go. " + JournalSentence, journal.ThemeExperience, true},
		{6 * day, "Body", "My shoulders have dropped about an inch. I did not know I was holding them up.", journal.ThemeBody, false},
		{2 * day, "Small promise", "Walked before work three days in a row. **Small, but mine.**", journal.ThemeHabits, true},
	},
	"sofia@client.example.org": {
		{19 * day, "What I saw", "A door that was not locked. I had been standing in front of it for years.", journal.ThemeExperience, true},
		{12 * day, "Mum", "Called my mother. We talked for an hour and did not argue once.", journal.ThemeRelationships, true},
		{4 * day, "Work", "I want to stop saying yes to everything at work. Practising one honest no this week.", journal.ThemeWorkPurpose, false},
	},
	"tom@client.example.org": {
		{30 * day, "Grief", "It was mostly about Dad. I cried more than I have since the funeral, and it felt clean.", journal.ThemeEmotions, true},
		{10 * day, "Routine", "Morning pages are sticking. Evenings are still hard.", journal.ThemeHabits, false},
	},
	"grace@client.example.org": {
		{50 * day, "Meaning", "I keep coming back to the feeling that I am allowed to take up space.", journal.ThemeMeaning, false},
		{20 * day, "Six weeks on", "Less dramatic now, more steady. I think that is the point.", "", true},
	},
}

// demoThreads: messages, oldest first; fromClient says who writes.
var demoThreads = map[string][]struct {
	ago        time.Duration
	fromClient bool
	text       string
}{
	"elena@client.example.org": {
		{18 * time.Hour, true, "Hi Jonah, I'm home. Still processing. Is it normal to feel this raw?"},
		{17 * time.Hour, false, "Welcome back, Elena. Yes, very normal. Be gentle with yourself today; we meet tomorrow at 10."},
	},
	"aisha@client.example.org": {
		{5 * day, false, "How did the first week of walks go?"},
		{5*day - 3*time.Hour, true, "Better than I expected. I shared an entry with you about the second night."},
		{4 * day, false, "I read it. Thank you for trusting me with it. Let's start there on Thursday."},
		{3 * time.Hour, true, "Could we move Thursday to the afternoon? Something came up at work."},
	},
	"sofia@client.example.org": {
		{11 * day, true, "I called my mum!"},
		{11*day - 2*time.Hour, false, "That's a big step. How did it feel afterwards?"},
		{10 * day, true, "Shaky, then proud."},
	},
}

// checkinPlan: a few weeks of check-ins drifting from hard to steadier.
var checkinClients = []string{"aisha@client.example.org", "sofia@client.example.org", "tom@client.example.org", "grace@client.example.org", "david@client.example.org"}

func (s *seeder) clientSpace() error {
	if s.svc.ClientSpace == nil {
		return nil
	}
	at := s.now
	cs := s.svc.ClientSpace(func() time.Time { return at })
	ids, err := s.userIDs()
	if err != nil {
		return err
	}
	jonah := ids["jonah@riverbend.example.org"]
	prompts, err := cs.Journal.Prompts(s.ctx, jonah, 0)
	if err != nil {
		return err
	}
	byTheme := map[journal.Theme]int64{}
	for _, p := range prompts {
		if byTheme[p.Theme] == 0 {
			byTheme[p.Theme] = p.ID
		}
	}
	at = s.now.Add(-30 * day)
	if _, err := cs.Journal.AddPrompt(s.ctx, jonah, journal.ThemeBody, "Where in your body do you feel most at home this week?"); err != nil {
		return err
	}
	for _, email := range []string{"elena@client.example.org", "aisha@client.example.org"} {
		if err := cs.Journal.Assign(s.ctx, jonah, ids[email].UserID, byTheme[journal.ThemeEmotions]); err != nil {
			return err
		}
	}
	for email, entries := range demoJournals {
		for i, e := range entries {
			at = s.now.Add(-e.ago)
			c := ids[email]
			saved, err := cs.Journal.Save(s.ctx, c, c.UserID, journal.Input{Key: fmt.Sprintf("demo-entry-%d-%03d", c.UserID, i),
				PromptID: byTheme[e.theme], Title: e.title, Body: e.body})
			if err != nil {
				return err
			}
			if e.shared {
				if err := cs.Journal.Share(s.ctx, c, c.UserID, saved.ID, true); err != nil {
					return err
				}
			}
			if email == drawingEntry && i == 0 {
				if err := attachDrawing(s, cs, c, saved.ID); err != nil {
					return err
				}
			}
		}
	}
	if err := s.checkins(cs, ids, &at); err != nil {
		return err
	}
	at = s.now.Add(-40 * day)
	if err := cs.Messages.SaveSettings(s.ctx, jonah, message.Settings{OfficeHours: "Mon–Thu, 9:00–17:00 Pacific", ResponseTime: "within one working day"}); err != nil {
		return err
	}
	return s.threads(cs, ids, jonah, &at)
}

func (s *seeder) checkins(cs ClientSpace, ids map[string]policy.Actor, at *time.Time) error {
	for n, email := range checkinClients {
		c := ids[email]
		days := 42 - 7*n
		for d := days; d >= 0; d -= 2 {
			*at = s.now.Add(-time.Duration(d)*day - 3*time.Hour)
			progress := float64(days-d) / float64(days) // 0 → 1 over the weeks
			wobble := (d/2 + n) % 3                     // 0,1,2: a believable zig-zag
			sc := func(from, to float64) checkin.Scale {
				v := int(from + (to-from)*progress + float64(wobble-1)*0.6 + 0.5)
				return checkin.Scale(min(5, max(1, v)))
			}
			in := checkin.Input{Cadence: checkin.Daily, Mood: sc(2, 4), Anxiety: sc(4, 2), Sleep: sc(2, 4), Connection: sc(2, 4)}
			if d == 0 {
				in.Note = "Slept through the night for the first time in a while."
			}
			if _, err := cs.CheckIns.Record(s.ctx, c, c.UserID, in); err != nil {
				return err
			}
		}
	}
	return nil
}

// threads: the coach opens each thread before replying (read receipts),
// except that the newest client message stays unread (Aisha's).
func (s *seeder) threads(cs ClientSpace, ids map[string]policy.Actor, jonah policy.Actor, at *time.Time) error {
	for email, msgs := range demoThreads {
		c := ids[email]
		for _, m := range msgs {
			*at = s.now.Add(-m.ago)
			sender := c
			if !m.fromClient {
				sender = jonah
				if _, err := cs.Messages.Thread(s.ctx, jonah, c.UserID); err != nil {
					return err
				}
			} else if _, err := cs.Messages.Thread(s.ctx, c, c.UserID); err != nil {
				return err
			}
			if _, err := cs.Messages.Send(s.ctx, sender, c.UserID, m.text, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *seeder) userIDs() (map[string]policy.Actor, error) {
	rows, err := s.db.Reader().Query(s.ctx, `SELECT u.id, u.practice_id, u.role, u.email FROM users u JOIN practices p ON p.id = u.practice_id WHERE p.slug = ?`, Slug)
	if err != nil {
		return nil, errs.Wrap(err, "reading demo users")
	}
	defer rows.Close()
	out := map[string]policy.Actor{}
	for rows.Next() {
		var a policy.Actor
		var role, email string
		if err := rows.Scan(&a.UserID, &a.PracticeID, &role, &email); err != nil {
			return nil, errs.Wrap(err, "reading demo users")
		}
		a.Role = account.Role(role)
		out[email] = a
	}
	return out, errs.Wrap(rows.Err(), "reading demo users")
}

func attachDrawing(s *seeder, cs ClientSpace, c policy.Actor, entryID int64) error {
	drawing, err := riverDrawing()
	if err != nil {
		return err
	}
	_, err = cs.Journal.Attach(s.ctx, c, c.UserID, entryID, drawing)
	return err
}
