package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
)

func TestParseCode(t *testing.T) {
	tests := []struct {
		name, in string
		kind     CodeKind
		want     string
	}{
		{"six digits", "123456", CodeTOTP, "123456"},
		{"digits with space", " 123 456 ", CodeTOTP, "123456"},
		{"five digits", "12345", CodeInvalid, ""},
		{"seven digits", "1234567", CodeInvalid, ""},
		{"recovery with dash", "abcde-fghjk", CodeRecovery, "abcdefghjk"},
		{"recovery upper case", "ABCDE-FGHJK", CodeRecovery, "abcdefghjk"},
		{"recovery with look-alike", "abcde-fghj1", CodeInvalid, ""},
		{"empty", "", CodeInvalid, ""},
		{"letters in totp", "12a456", CodeInvalid, ""},
		{"too long", strings.Repeat("1", 65), CodeInvalid, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kind, got := ParseCode(tc.in)
			if kind != tc.kind || got != tc.want {
				t.Errorf("ParseCode(%q) = (%v, %q), want (%v, %q)", tc.in, kind, got, tc.kind, tc.want)
			}
		})
	}
}

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"123456", "abcde-fghjk", "", " 1 2 3 4 5 6", "ÄÖÜ", "\x00\xff", strings.Repeat("-", 70)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		kind, norm := ParseCode(in)
		switch kind {
		case CodeTOTP:
			if len(norm) != 6 {
				t.Errorf("TOTP code %q has %d characters", norm, len(norm))
			}
		case CodeRecovery:
			if len(norm) != 10 || strings.Trim(norm, recoveryAlphabet) != "" {
				t.Errorf("recovery code %q is not 10 characters of the alphabet", norm)
			}
		case CodeInvalid:
			if norm != "" {
				t.Errorf("invalid code normalised to %q", norm)
			}
		}
		if kind != CodeInvalid {
			if k2, n2 := ParseCode(norm); k2 != kind || n2 != norm {
				t.Errorf("ParseCode is not idempotent on %q", norm)
			}
		}
	})
}

func TestRecoveryCodesParse(t *testing.T) {
	codes := newRecoveryCodes()
	if len(codes) != RecoveryCodeCount {
		t.Fatalf("got %d codes, want %d", len(codes), RecoveryCodeCount)
	}
	seen := map[string]bool{}
	for _, c := range codes {
		kind, norm := ParseCode(c)
		if kind != CodeRecovery {
			t.Errorf("code %q does not parse as a recovery code", c)
		}
		if seen[norm] {
			t.Errorf("duplicate code %q", c)
		}
		seen[norm] = true
	}
}

func TestLockoutGrowth(t *testing.T) {
	tests := []struct {
		n    int
		want time.Duration
	}{
		{1, 15 * time.Minute}, {2, 30 * time.Minute}, {3, time.Hour}, {4, 2 * time.Hour},
		{7, 16 * time.Hour}, {8, 24 * time.Hour}, {30, 24 * time.Hour},
	}
	for _, tc := range tests {
		if got := lockoutFor(tc.n); got != tc.want {
			t.Errorf("lockoutFor(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestCanInvite(t *testing.T) {
	tests := []struct {
		inviter, invitee account.Role
		want             bool
	}{
		{account.Admin, account.Coach, true},
		{account.Admin, account.Clinician, true},
		{account.Admin, account.Client, false},
		{account.Admin, account.Admin, false},
		{account.Coach, account.Client, true},
		{account.Coach, account.Coach, false},
		{account.Coach, account.Clinician, false},
		{account.Client, account.Clinician, true},
		{account.Client, account.Client, false},
		{account.Client, account.Coach, false},
		{account.Clinician, account.Client, false},
		{account.Clinician, account.Clinician, false},
	}
	for _, tc := range tests {
		t.Run(string(tc.inviter)+" invites "+string(tc.invitee), func(t *testing.T) {
			if got := CanInvite(tc.inviter, tc.invitee); got != tc.want {
				t.Errorf("CanInvite = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestInvitationValidate(t *testing.T) {
	tests := []struct {
		name  string
		in    NewInvitation
		field string
	}{
		{"ok", NewInvitation{Email: " New@Example.org", Role: account.Client}, ""},
		{"bad email", NewInvitation{Email: "nope", Role: account.Client}, "email"},
		{"bad role", NewInvitation{Email: "a@example.org", Role: "owner"}, "role"},
		{"admin role", NewInvitation{Email: "a@example.org", Role: account.Admin}, "role"},
		{"long name", NewInvitation{Email: "a@example.org", Name: strings.Repeat("n", 201), Role: account.Coach}, "name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.in.Validate()
			if tc.field == "" {
				if err != nil || tc.in.Email != "new@example.org" {
					t.Errorf("got (%v, %q), want valid and normalised", err, tc.in.Email)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.field+":") {
				t.Errorf("got %v, want a problem with %s", err, tc.field)
			}
		})
	}
}
