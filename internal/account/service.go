package account

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Service is the account use cases.
type Service struct {
	db  *store.DB
	now func() time.Time
}

// NewService returns the account service; now is the clock (UTC).
func NewService(db *store.DB, now func() time.Time) *Service {
	return &Service{db: db, now: now}
}

// ErrSignIn is the one message for every failed sign-in, so the response
// never tells whether an account exists.
var ErrSignIn = errs.E(errs.Unauthorized, "that email and password do not match an account")

// Create adds an account inside tx.
func (s *Service) Create(ctx context.Context, tx *store.Tx, n NewUser) (User, error) {
	if err := n.Validate(); err != nil {
		return User{}, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return User{}, errs.Wrap(err, "hashing password")
	}
	u := User{PracticeID: n.PracticeID, Email: n.Email, Name: n.Name, Role: n.Role, TimeZone: n.TimeZone, CreatedAt: s.now()}
	u.ID, err = store.InsertID(ctx, tx,
		`INSERT INTO users (practice_id, email, name, role, password_hash, time_zone, created_at, verified_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		u.PracticeID, u.Email, u.Name, string(u.Role), hash, u.TimeZone, u.CreatedAt, u.CreatedAt)
	if store.IsUniqueViolation(err) {
		return User{}, &errs.Error{Kind: errs.Conflict, Msg: "an account with that email already exists", Fields: map[string]string{"email": "already in use"}}
	}
	if err != nil {
		return User{}, errs.Wrap(err, "creating account")
	}
	return u, nil
}

// Authenticate checks an email and password. Unknown emails take as long as
// wrong passwords and fail with the same error.
func (s *Service) Authenticate(ctx context.Context, email, password string) (User, error) {
	email = NormalizeEmail(email)
	u, hash, err := userByEmail(ctx, s.db.Reader(), email)
	if err != nil {
		VerifyPassword(dummyHash(), password)
		if errs.Is(err, errs.NotFound) {
			return User{}, ErrSignIn
		}
		return User{}, err
	}
	if !VerifyPassword(hash, password) {
		return User{}, ErrSignIn
	}
	return u, nil
}

// FindByEmail returns the active account with that address.
func (s *Service) FindByEmail(ctx context.Context, email string) (User, error) {
	u, _, err := userByEmail(ctx, s.db.Reader(), NormalizeEmail(email))
	return u, err
}

// SetPassword replaces a person's password inside tx.
func (s *Service) SetPassword(ctx context.Context, tx *store.Tx, userID int64, password string) error {
	if msg := PasswordProblem(password); msg != "" {
		return errs.Validation{"password": msg}.Err()
	}
	hash, err := HashPassword(password)
	if err != nil {
		return errs.Wrap(err, "hashing password")
	}
	_, err = tx.Exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, userID)
	return errs.Wrap(err, "setting password")
}

// Get returns one account.
func (s *Service) Get(ctx context.Context, id int64) (User, error) {
	return userByID(ctx, s.db.Reader(), id)
}

const userColumns = `id, practice_id, email, name, role, time_zone, created_at`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (User, error) {
	var u User
	var role string
	dest := append([]any{&u.ID, &u.PracticeID, &u.Email, &u.Name, &role, &u.TimeZone, &u.CreatedAt}, extra...)
	err := row.Scan(dest...)
	u.Role = Role(role)
	return u, err
}

func userByEmail(ctx context.Context, q store.Querier, email string) (User, string, error) {
	var hash string
	u, err := scanUser(q.QueryRow(ctx,
		`SELECT `+userColumns+`, password_hash FROM users WHERE email = ? AND disabled_at IS NULL`, email), &hash)
	if err != nil {
		return User{}, "", store.NotFound(err, "account")
	}
	return u, hash, nil
}

func userByID(ctx context.Context, q store.Querier, id int64) (User, error) {
	u, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ? AND disabled_at IS NULL`, id))
	if err != nil {
		return User{}, store.NotFound(err, "account")
	}
	return u, nil
}

// CountByRole counts a practice's active accounts of one role.
func (s *Service) CountByRole(ctx context.Context, practiceID int64, role Role) (int, error) {
	var n int
	err := s.db.Reader().QueryRow(ctx,
		`SELECT COUNT(*) FROM users WHERE practice_id = ? AND role = ? AND disabled_at IS NULL`, practiceID, string(role)).Scan(&n)
	return n, errs.Wrap(err, "counting accounts")
}
