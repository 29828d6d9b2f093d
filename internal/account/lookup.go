package account

import (
	"context"

	"github.com/afterward/afterward/internal/store"
)

// ClientIDByEmail finds the client account with this email address (any
// letter case, surrounding spaces ignored), for operator commands that name
// a client by email. A staff account or an unknown address is not found.
func ClientIDByEmail(ctx context.Context, q store.Querier, email string) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT u.id FROM users u JOIN clients c ON c.user_id = u.id WHERE u.email = ?`,
		NormalizeEmail(email)).Scan(&id)
	if err != nil {
		return 0, store.NotFound(err, "client")
	}
	return id, nil
}
