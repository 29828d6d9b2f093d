package practice

import (
	"context"

	"github.com/afterward/afterward/internal/store"
)

// OfClient is the practice a client belongs to, read in q; NotFound when
// clientID is not a client.
func OfClient(ctx context.Context, q store.Querier, clientID int64) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT practice_id FROM clients WHERE user_id = ?`, clientID).Scan(&id)
	return id, store.NotFound(err, "client")
}
