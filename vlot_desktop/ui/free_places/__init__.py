"""The Vrije plaatsen screen: free places now per province and municipality, down to locations."""
