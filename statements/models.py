"""Written statements of delegations and their language versions (to come)."""
