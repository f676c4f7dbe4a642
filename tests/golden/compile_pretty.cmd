$ sift compile --pretty --entity users 'cost_rate between 10.50 and 99.95'
