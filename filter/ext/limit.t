# limit match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m limit;-m limit --limit 3/hour
-m limit --limit 3/hour;=
-m limit --limit 5/second --limit-burst 10;-m limit --limit 5/sec --limit-burst 10
-m limit --limit 1/s;-m limit --limit 1/sec
-m limit --limit 1/m;-m limit --limit 1/min
-m limit --limit 100/min;=
-m limit --limit 2/day;=
-m limit --limit 7/h;-m limit --limit 7/hour
-m limit --limit 3/minute --limit-burst 5;-m limit --limit 3/min
-m limit --limit 1000/sec;=
-m limit --limit 10000/sec;=
-m limit --limit 10001/sec;FAIL;Rate too fast "10001/sec"
-m limit --limit 0/sec;FAIL;bad rate "0/sec"'
-m limit --limit 1/week;FAIL;bad rate "1/week"'
-m limit --limit 1;-m limit --limit 1/sec
-m limit --limit 20;-m limit --limit 20/sec
-m limit --limit 1/SEC;-m limit --limit 1/sec
-m limit --limit-burst 0;FAIL;@commit
-m limit --limit-burst 1;-m limit --limit 3/hour --limit-burst 1
-m limit --limit-burst 10001;FAIL;limit: bad value for option "--limit-burst", or out of range (0-10000).
-m limit --limit-burst 10000;FAIL;@commit
-m limit --limit 1/sec --limit-burst 10000;=
-m limit ! --limit 1/s;FAIL;limit: option "--limit" cannot be inverted.
-m limit --limit 7/min;=
-m limit --limit 13/hour;=
-m limit --limit 59/min;=
-m limit --limit 61/min;=
-m limit --limit 1/d;FAIL;@commit
-m limit --limit 3/d;FAIL;@commit
-m limit --limit 5/sec/;FAIL;bad rate "5/sec/"'
-m limit --limit /sec;FAIL;bad rate "/sec"'
-m limit --limit 5/;FAIL;bad rate "5/"'
-m limit --limit x/sec;FAIL;bad rate "x/sec"'
-m limit --limit 7/sec;=
-m limit --limit 333/min;=
-m limit --limit 25/hour --limit-burst 3;=
-m limit --limit 1/sec --limit 2/sec;FAIL;limit: option "--limit" can only be used once.
-m limit --limit-burst 5;-m limit --limit 3/hour
-6
*filter
:INPUT
-m limit --limit 10/min --limit-burst 20;=
# packets: the burst lets 3 through, then the rate (1/hour) stops the rest
-4
*filter
:INPUT
-m limit --limit 1/hour --limit-burst 3;=
>proto=udp;match
>proto=udp;match
>proto=udp;match
>proto=udp;nomatch
>proto=udp;nomatch
# packets: credit comes back with time (kernel only: nfctl eval has no clock)
-4
*filter
:INPUT
-m limit --limit 2/sec --limit-burst 1;=
>proto=udp sport=44001;match;kernel
>proto=udp sport=44001;nomatch;kernel
>proto=udp sport=44001 sleep=0.6;match;kernel
>proto=udp sport=44001;nomatch;kernel
