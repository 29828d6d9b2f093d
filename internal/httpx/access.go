package httpx

import (
	"net/http"
	"slices"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/policy"
)

// Access is a route's declared gate. The router enforces Roles (Gate);
// the domain services decide per record. The route access test reads the
// rest: which record the request names and which policy decides it, and
// sends every route as every role against records of two practices, so a
// route is covered as soon as its access is declared.
type Access struct {
	// Roles that may call the route; nil means public (anyone, signed in
	// or not).
	Roles []account.Role
	// Record is what the request's id names: "client" (a client's user id)
	// or a kind of record ("journal", "invoice", "partner", …). The id goes
	// in the path parameter that is not {client}, or in Param.
	Record string
	// Param is where the id goes when it is not in the path:
	// "query:client" or "body:client_id".
	Param string
	// Category and Action: the policy decision about the record's client.
	// Empty for records that belong to a practice or a coach (a partner, a
	// training), where only that practice's staff (or that coach) may act.
	Category policy.Category
	Action   policy.Action
}

// Public routes answer anyone.
var Public = Access{}

// Only is the access of a route the given roles may call.
func Only(roles ...account.Role) Access { return Access{Roles: roles} }

// Reads declares that the route reads a client's record of the given kind.
func (a Access) Reads(record string, c policy.Category) Access {
	a.Record, a.Category, a.Action = record, c, policy.Read
	return a
}

// Writes declares that the route changes a client's record of the given kind.
func (a Access) Writes(record string, c policy.Category) Access {
	a.Record, a.Category, a.Action = record, c, policy.Write
	return a
}

// On declares a record owned by a practice or one of its coaches.
func (a Access) On(record string) Access {
	a.Record = record
	return a
}

// In says where the record id goes when it is not a path parameter.
func (a Access) In(param string) Access {
	a.Param = param
	return a
}

// IsPublic reports whether anyone may call the route.
func (a Access) IsPublic() bool { return a.Roles == nil }

// Allows reports whether the role may call the route.
func (a Access) Allows(r account.Role) bool {
	return a.IsPublic() || slices.Contains(a.Roles, r)
}

// Declared is one registered route with its access, as the application
// lists them for the access test.
type Declared struct {
	Pattern string
	Access  Access
}

// Refusals render the gate's two answers in the surface's own format.
type Refusals struct {
	SignIn    http.HandlerFunc // not signed in
	WrongRole http.HandlerFunc // signed in with a role the route does not allow
}

// Gate enforces the declared roles in front of a handler, so a handler
// that forgets a role check still cannot serve a role it was not declared
// for.
func Gate(a Access, refuse Refusals, next http.Handler) http.Handler {
	if a.IsPublic() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, ok := SessionFrom(r.Context())
		switch {
		case !ok:
			refuse.SignIn(w, r)
		case !a.Allows(sess.User.Role):
			refuse.WrongRole(w, r)
		default:
			next.ServeHTTP(w, r)
		}
	})
}
