$ sift rule --format json sift::check::date_form_mismatch
