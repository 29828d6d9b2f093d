package auth

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base32"
	"image"
	"image/png"
	"math/big"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/afterward/afterward/internal/account"
)

// TOTP parameters: RFC 6238 defaults that every authenticator app supports.
const (
	totpPeriod = 30
	totpSkew   = 1 // accept the previous and next step for clock drift
	issuer     = "Afterward"
)

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// newTOTPSecret returns a random 160-bit base32 secret (RFC 4226's
// recommended length).
func newTOTPSecret() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// matchStep returns the time step whose code equals code, looking one step
// either side of now, and only at steps after lastStep, so a code that was
// already used (or an older one) is refused: no replay.
func matchStep(secret, code string, now time.Time, lastStep int64) (int64, bool) {
	current := now.Unix() / totpPeriod
	for step := current - totpSkew; step <= current+totpSkew; step++ {
		if step <= lastStep {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0).UTC(), totpOpts)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// CodeKind is what a typed second-factor code looks like.
type CodeKind int

const (
	CodeInvalid  CodeKind = iota
	CodeTOTP              // six digits
	CodeRecovery          // ten letters/digits, dashes and spaces ignored
)

// recoveryAlphabet avoids look-alike characters (0/O, 1/I/L).
const recoveryAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

// ParseCode normalises a typed code (spaces and dashes ignored, case
// folded) and says which kind it is.
func ParseCode(raw string) (CodeKind, string) {
	if len(raw) > 64 {
		return CodeInvalid, ""
	}
	code := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(raw)))
	switch {
	case len(code) == 6 && strings.Trim(code, "0123456789") == "":
		return CodeTOTP, code
	case len(code) == 10 && strings.Trim(code, recoveryAlphabet) == "":
		return CodeRecovery, code
	}
	return CodeInvalid, ""
}

// newRecoveryCodes returns RecoveryCodeCount fresh codes, formatted
// "xxxxx-xxxxx" for reading; ParseCode accepts them with or without the dash.
func newRecoveryCodes() []string {
	out := make([]string, RecoveryCodeCount)
	for i := range out {
		b := make([]byte, 10)
		for j := range b {
			n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(recoveryAlphabet)))) // unbiased
			b[j] = recoveryAlphabet[n.Int64()]
		}
		out[i] = string(b[:5]) + "-" + string(b[5:])
	}
	return out
}

// recoveryHash is the stored form of a normalised recovery code.
func recoveryHash(normalised string) string { return account.HashToken("recovery:" + normalised) }

// enrolmentFor builds what the enrolment page shows for a secret.
func enrolmentFor(email, secret string) (Enrolment, error) {
	key, err := otp.NewKeyFromURL(otpauthURL(email, secret))
	if err != nil {
		return Enrolment{}, err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return Enrolment{}, err
	}
	png, err := encodePNG(img)
	if err != nil {
		return Enrolment{}, err
	}
	return Enrolment{Secret: secret, URL: key.URL(), PNG: png}, nil
}

// otpauthURL is the Key URI Format that authenticator apps scan.
func otpauthURL(email, secret string) string {
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", "6")
	q.Set("period", "30")
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + issuer + ":" + email, RawQuery: q.Encode()}
	return u.String()
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}
