package audit

import (
	"bytes"
	"testing"
	"time"
)

func sampleEvent() Event {
	return Event{
		ID: 7, At: time.Date(2026, 5, 1, 9, 30, 0, 123456000, time.UTC),
		ActorID: 3, ActorRole: "coach", Action: ActionRead, ResourceType: "session_note",
		ResourceID: "41", ClientID: 12, Outcome: OutcomeOK, ClientIP: "203.0.113.9",
		RequestID: "req-1", Detail: "fields=body",
	}
}

// TestEventHashCoversEveryField changes one column at a time: each change
// must change the hash, or an edit of that column would go unnoticed.
func TestEventHashCoversEveryField(t *testing.T) {
	base := sampleEvent()
	prev := bytes.Repeat([]byte{1}, 32)
	want := eventHash(base, prev)
	tests := []struct {
		name   string
		change func(e *Event, prev *[]byte)
	}{
		{"id", func(e *Event, _ *[]byte) { e.ID++ }},
		{"at by one microsecond", func(e *Event, _ *[]byte) { e.At = e.At.Add(time.Microsecond) }},
		{"actor id", func(e *Event, _ *[]byte) { e.ActorID++ }},
		{"actor role", func(e *Event, _ *[]byte) { e.ActorRole = "admin" }},
		{"action", func(e *Event, _ *[]byte) { e.Action = ActionWrite }},
		{"resource type", func(e *Event, _ *[]byte) { e.ResourceType = "journal_entry" }},
		{"resource id", func(e *Event, _ *[]byte) { e.ResourceID = "42" }},
		{"client id", func(e *Event, _ *[]byte) { e.ClientID++ }},
		{"outcome", func(e *Event, _ *[]byte) { e.Outcome = OutcomeDenied }},
		{"client ip", func(e *Event, _ *[]byte) { e.ClientIP = "203.0.113.10" }},
		{"request id", func(e *Event, _ *[]byte) { e.RequestID = "req-2" }},
		{"detail", func(e *Event, _ *[]byte) { e.Detail = "" }},
		{"prev hash", func(_ *Event, p *[]byte) { *p = bytes.Repeat([]byte{2}, 32) }},
		{"empty prev hash", func(_ *Event, p *[]byte) { *p = nil }},
		{"text moved between fields", func(e *Event, _ *[]byte) {
			e.ResourceType, e.ResourceID = "session_note4", "1"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, p := base, bytes.Clone(prev)
			tc.change(&e, &p)
			if got := eventHash(e, p); bytes.Equal(got, want) {
				t.Errorf("got the same hash %x after changing %s", got, tc.name)
			}
		})
	}
}

func TestEventHashIgnoresTimeZone(t *testing.T) {
	e := sampleEvent()
	local := e
	local.At = e.At.In(time.FixedZone("X", 5*3600))
	if got, want := eventHash(local, nil), eventHash(e, nil); !bytes.Equal(got, want) {
		t.Errorf("got %x for the same instant in another zone, want %x", got, want)
	}
}

// FuzzEventHashSplit checks that the encoding is unambiguous: moving the
// boundary between two adjacent text fields always changes the hash.
func FuzzEventHashSplit(f *testing.F) {
	f.Add("coach", "read", 1)
	f.Add("", "x", 0)
	f.Add("a\x00b", "c", 2)
	f.Fuzz(func(t *testing.T, a, b string, cut int) {
		joined := a + b
		if len(joined) == 0 {
			return
		}
		if cut < 0 {
			cut = -cut
		}
		cut %= len(joined) + 1
		if cut == len(a) {
			return
		}
		e1, e2 := sampleEvent(), sampleEvent()
		e1.ActorRole, e1.Action = a, b
		e2.ActorRole, e2.Action = joined[:cut], joined[cut:]
		if bytes.Equal(eventHash(e1, nil), eventHash(e2, nil)) {
			t.Errorf("(%q,%q) and (%q,%q) hash the same", a, b, e2.ActorRole, e2.Action)
		}
	})
}

func TestValidate(t *testing.T) {
	long := string(bytes.Repeat([]byte("a"), maxField+1))
	tests := []struct {
		name      string
		change    func(e *Event)
		wantField string // "" = valid
	}{
		{"valid", func(e *Event) {}, ""},
		{"no actor or client", func(e *Event) { e.ActorID, e.ClientID = 0, 0 }, ""},
		{"detail at limit", func(e *Event) { e.Detail = string(bytes.Repeat([]byte("d"), MaxDetail)) }, ""},
		{"detail over limit", func(e *Event) { e.Detail = string(bytes.Repeat([]byte("d"), MaxDetail+1)) }, "detail"},
		{"zero time", func(e *Event) { e.At = time.Time{} }, "at"},
		{"empty action", func(e *Event) { e.Action = "" }, "action"},
		{"action with space", func(e *Event) { e.Action = "sign in" }, "action"},
		{"action upper case", func(e *Event) { e.Action = "Read" }, "action"},
		{"custom action", func(e *Event) { e.Action = "plan.update_2" }, ""},
		{"unknown outcome", func(e *Event) { e.Outcome = "maybe" }, "outcome"},
		{"empty outcome", func(e *Event) { e.Outcome = "" }, "outcome"},
		{"negative actor", func(e *Event) { e.ActorID = -1 }, "actor_id"},
		{"negative client", func(e *Event) { e.ClientID = -1 }, "client_id"},
		{"resource id at limit", func(e *Event) { e.ResourceID = long[:maxField] }, ""},
		{"resource id over limit", func(e *Event) { e.ResourceID = long }, "resource_id"},
		{"invalid utf-8", func(e *Event) { e.RequestID = "\xff" }, "request_id"},
		{"nul byte", func(e *Event) { e.ClientIP = "1\x002" }, "client_ip"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := sampleEvent()
			tc.change(&e)
			err := e.Validate()
			if tc.wantField == "" {
				if err != nil {
					t.Errorf("got %v, want no error", err)
				}
				return
			}
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tc.wantField+":")) {
				t.Errorf("got %v, want a problem with %s", err, tc.wantField)
			}
		})
	}
}
