package demo

import "github.com/afterward/afterward/internal/auth"

// TOTPSecret is the documented two-step secret of every demo staff account
// (demo mode only); demo clients have no second step.
const TOTPSecret = auth.DemoTOTPSecret

// twoStep gives every staff account the demo TOTP secret, so staff sign in
// with their password and a code computed from it.
func (s *seeder) twoStep() error {
	if s.svc.Auth == nil {
		return nil
	}
	for _, id := range s.staffIDs {
		if err := s.svc.Auth.InstallDemoTOTP(s.ctx, s.tx, id); err != nil {
			return err
		}
	}
	return nil
}
