# set match (sets named here exist in the test namespace: see ext_t.sh)
-4
*filter
:INPUT,FORWARD,OUTPUT
-m set --match-set t4 src;=
-m set --match-set t4 dst;=
-m set ! --match-set t4 src;=
-m set --match-set t4 src,dst;=
-m set --match-set t4 src --return-nomatch;=
-m set --match-set t4 src ! --update-counters;=
-m set --match-set t4 src ! --update-subcounters;=
-m set --match-set t4 src --packets-eq 5;=
-m set --match-set t4 src ! --packets-eq 5;=
-m set --match-set t4 src --packets-lt 5;=
-m set --match-set t4 src --packets-gt 5;=
-m set --match-set t4 src --bytes-eq 5;=
-m set --match-set t4 src --bytes-lt 5;=
-m set --match-set t4 src --bytes-gt 5;=
-m set --match-set nosuchset src;FAIL
-m set --match-set t4 foo;FAIL;You must spefify (the comma separated list of) 'src' or 'dst'.
-m set --match-set t4;FAIL;--match-set requires two args.
-m set;FAIL;You must specify `--match-set' with proper arguments
-m set --set t4 src;-m set --match-set t4 src
-m set --match-set t4 src,dst,src,dst,src,dst,src;FAIL;Can't be more src/dst options than 6.
# packets (kernel and extcheck: nfctl cannot load sets yet)
-4
*mangle
:PREROUTING
-m set --match-set t4 src;=
>proto=udp;match;kernel
>proto=udp src=10.77.0.7;nomatch;kernel
-m set ! --match-set t4 dst;=
>proto=udp;match;kernel
>proto=udp dst=10.77.0.1;nomatch;kernel
-m set --match-set n4 src;=
>proto=udp src=10.77.0.3;match;kernel
>proto=udp src=10.77.0.4;nomatch;kernel
-6
*mangle
:PREROUTING
-m set --match-set t6 src;=
>proto=udp;match;kernel
>proto=udp src=fd77::9;nomatch;kernel
