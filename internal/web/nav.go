package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// navigation lists each role's pages: the few used daily stay in the bar,
// the rest go under "More" (a <details> menu that needs no JavaScript), so
// the header stays one or two lines on a 360-pixel phone.
var navigation = map[account.Role]struct{ primary, more []NavItem }{
	account.Client: {
		primary: []NavItem{{Label: "Home", Href: "/dashboard"}, {Label: "Sessions", Href: "/sessions"}, {Label: "Journal", Href: "/journal"},
			{Label: "Check-in", Href: "/checkin"}, {Label: "Messages", Href: "/messages"}},
		more: []NavItem{{Label: "Journey", Href: "/progress"}, {Label: "Questionnaires", Href: "/measures"}, {Label: "Circles", Href: "/circles"}, {Label: "Calendar", Href: "/calendar"},
			{Label: "Find a coach", Href: "/directory"}, {Label: "Suggested coaches", Href: "/coaches/suggestions"}, {Label: "Care team", Href: "/care-team"}, {Label: "Summaries", Href: "/summaries"},
			{Label: "Billing", Href: "/billing"}, {Label: "Agreement", Href: "/agreement"}, {Label: "Forms", Href: "/forms"}, {Label: "Records", Href: "/records"}, {Label: "Privacy", Href: "/privacy"}, {Label: "Invite", Href: "/invitations"}, {Label: "Settings", Href: "/settings"}},
	},
	account.Coach: {
		primary: []NavItem{{Label: "Dashboard", Href: "/dashboard"}, {Label: "Sessions", Href: "/sessions"}, {Label: "Inbox", Href: "/inbox"}, {Label: "Safety", Href: "/safety"},
			{Label: "Intakes", Href: "/intakes"}, {Label: "Requests", Href: "/coach/requests"}},
		more: []NavItem{{Label: "Referrals", Href: "/referrals"}, {Label: "Circles", Href: "/circles"}, {Label: "Calendar", Href: "/calendar"}, {Label: "Billing", Href: "/billing"}, {Label: "Prompts", Href: "/prompts"}, {Label: "Office hours", Href: "/settings/messaging"},
			{Label: "My profile", Href: "/coach/profile"}, {Label: "Availability", Href: "/settings/availability"}, {Label: "Directory", Href: "/directory"}, {Label: "Invite", Href: "/invitations"}, {Label: "Settings", Href: "/settings"}},
	},
	account.Admin: {
		primary: []NavItem{{Label: "Dashboard", Href: "/dashboard"}, {Label: "Safety", Href: "/safety"},
			{Label: "Intakes", Href: "/intakes"}, {Label: "Coaches", Href: "/admin/coaches"}, {Label: "Outcomes", Href: "/admin/outcomes"}, {Label: "Billing", Href: "/billing"}},
		more: []NavItem{{Label: "Accounts", Href: "/admin/accounts"}, {Label: "Referral partners", Href: "/admin/partners"}, {Label: "Break-glass", Href: "/admin/break-glass"}, {Label: "Retention", Href: "/admin/retention"},
			{Label: "Booking rules", Href: "/settings/notice"}, {Label: "Coaching agreement", Href: "/settings/agreement"}, {Label: "Crisis help", Href: "/settings/safety"},
			{Label: "Note templates", Href: "/settings/note-templates"}, {Label: "Sign-up", Href: "/settings/signup"}, {Label: "Licensed instruments", Href: "/admin/instruments"}, {Label: "Programme", Href: "/settings/programme"}, {Label: "Regulated reports", Href: "/reports/regulated"},
			{Label: "Directory", Href: "/directory"}, {Label: "Invite", Href: "/invitations"}, {Label: "Settings", Href: "/settings"}},
	},
	account.Clinician: {
		primary: []NavItem{{Label: "Care team", Href: "/dashboard"}, {Label: "Referrals", Href: "/referrals"}},
		more:    []NavItem{{Label: "Settings", Href: "/settings"}},
	},
}

// navFor returns the role's menu with the current page marked; More items
// carry More=true.
func navFor(role account.Role, path string) []NavItem {
	n := navigation[role]
	items := make([]NavItem, 0, len(n.primary)+len(n.more))
	items = append(items, n.primary...)
	for _, it := range n.more {
		it.More = true
		items = append(items, it)
	}
	for i := range items {
		items[i].Current = items[i].Href == path || (items[i].Href != "/dashboard" && strings.HasPrefix(path, items[i].Href+"/"))
	}
	return items
}

// withUnread puts the unread-message count on the Messages (client) or
// Inbox (coach) item. A failed count shows none rather than failing the
// page: the count is a convenience, the inbox itself is the record.
func (s *Server) withUnread(r *http.Request, u account.User, items []NavItem) []NavItem {
	if s.ClientSpace.Messages == nil || (u.Role != account.Coach && u.Role != account.Client) {
		return items
	}
	n, known := r.Context().Value(unreadKey{}).(int)
	var err error
	if !known {
		n, err = s.ClientSpace.Messages.Unread(r.Context(), policy.ActorOf(u))
	}
	if err != nil {
		s.log.Warn("counting unread messages", "user_id", u.ID, "err", err)
		return items
	}
	for i := range items {
		if items[i].Href == "/inbox" || items[i].Href == "/messages" {
			items[i].Count = n
		}
	}
	return items
}

// unreadKey carries, in a request's context, the unread count its page
// already read in its own snapshot (withUnreadRead), so the layout does
// not ask again outside it.
type unreadKey struct{}

// withUnreadRead is r with the unread count n the page read.
func withUnreadRead(r *http.Request, n int) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), unreadKey{}, n))
}

// unreadCount is the navigation's unread count read as a part of a page
// (unreadPart), for the layout.
type unreadCount struct {
	n    int
	read bool
}

// unreadPart reads u's unread count in the page's snapshot, a part with no
// decision or event of its own (policy.Plain), so the layout does not ask
// again in a transaction of its own. Put it last: a failed count is logged
// and left for the layout to try, never failing the page.
func (s *Server) unreadPart(r *http.Request, u account.User, c *unreadCount) policy.Part {
	return policy.Plain(func(tx *store.Tx) error {
		if s.ClientSpace.Messages == nil || (u.Role != account.Coach && u.Role != account.Client) {
			return nil
		}
		n, err := s.ClientSpace.Messages.UnreadIn(r.Context(), tx, policy.ActorOf(u))
		if err != nil {
			s.log.Warn("counting unread messages", "user_id", u.ID, "err", err)
			return nil
		}
		c.n, c.read = n, true
		return nil
	})
}

// with is r carrying the count when it was read.
func (c unreadCount) with(r *http.Request) *http.Request {
	if !c.read {
		return r
	}
	return withUnreadRead(r, c.n)
}
