# icmp match (IPv4)
-4
*filter
:INPUT,FORWARD,OUTPUT
-p icmp -m icmp --icmp-type 8;=
-p icmp -m icmp --icmp-type echo-request;-p icmp -m icmp --icmp-type 8
-p icmp -m icmp --icmp-type ping;-p icmp -m icmp --icmp-type 8
-p icmp -m icmp --icmp-type pong;-p icmp -m icmp --icmp-type 0
-p icmp -m icmp ! --icmp-type 3/1;=
-p icmp -m icmp --icmp-type any;=
-p icmp -m icmp --icmp-type 255;-p icmp -m icmp --icmp-type any
-p icmp -m icmp --icmp-type 3;=
-p icmp -m icmp --icmp-type destination-unreachable;-p icmp -m icmp --icmp-type 3
-p icmp -m icmp --icmp-type host-unreachable;-p icmp -m icmp --icmp-type 3/1
-p icmp -m icmp --icmp-type port-unreachable;-p icmp -m icmp --icmp-type 3/3
-p icmp -m icmp --icmp-type network-unreachable;-p icmp -m icmp --icmp-type 3/0
-p icmp -m icmp --icmp-type fragmentation-needed;-p icmp -m icmp --icmp-type 3/4
-p icmp -m icmp --icmp-type precedence-cutoff;-p icmp -m icmp --icmp-type 3/15
-p icmp -m icmp --icmp-type source-quench;-p icmp -m icmp --icmp-type 4
-p icmp -m icmp --icmp-type redirect;-p icmp -m icmp --icmp-type 5
-p icmp -m icmp --icmp-type host-redirect;-p icmp -m icmp --icmp-type 5/1
-p icmp -m icmp --icmp-type router-advertisement;-p icmp -m icmp --icmp-type 9
-p icmp -m icmp --icmp-type router-solicitation;-p icmp -m icmp --icmp-type 10
-p icmp -m icmp --icmp-type time-exceeded;-p icmp -m icmp --icmp-type 11
-p icmp -m icmp --icmp-type ttl-exceeded;-p icmp -m icmp --icmp-type 11
-p icmp -m icmp --icmp-type ttl-zero-during-reassembly;-p icmp -m icmp --icmp-type 11/1
-p icmp -m icmp --icmp-type parameter-problem;-p icmp -m icmp --icmp-type 12
-p icmp -m icmp --icmp-type required-option-missing;-p icmp -m icmp --icmp-type 12/1
-p icmp -m icmp --icmp-type timestamp-request;-p icmp -m icmp --icmp-type 13
-p icmp -m icmp --icmp-type timestamp-reply;-p icmp -m icmp --icmp-type 14
-p icmp -m icmp --icmp-type address-mask-request;-p icmp -m icmp --icmp-type 17
-p icmp -m icmp --icmp-type address-mask-reply;-p icmp -m icmp --icmp-type 18
-p icmp -m icmp --icmp-type echo-reply;-p icmp -m icmp --icmp-type 0
-p icmp -m icmp --icmp-type ECHO-REQUEST;-p icmp -m icmp --icmp-type 8
-p icmp -m icmp --icmp-type echo;FAIL;Ambiguous ICMP type `echo': `echo-reply' or `echo-request'?
-p icmp -m icmp --icmp-type 5/255;=
-p icmp -m icmp --icmp-type 3/0;=
-p icmp -m icmp --icmp-type foo;FAIL;Unknown ICMP type `foo'
-p icmp -m icmp --icmp-type 256;FAIL;Unknown ICMP type `256'
-p icmp -m icmp --icmp-type 3/256;FAIL;Unknown ICMP code `3/256'
-p icmp -m icmp --icmp-type 3/;FAIL;Unknown ICMP code `3/'
-p icmp -m icmp --icmp-type 40;=
-p icmp -m icmp;FAIL;icmp: option "--icmp-type" must be specified
-p icmp --icmp-type 8 --icmp-type 0;FAIL;icmp: option "--icmp-type" can only be used once.
-p 1 --icmp-type 8;-p icmp -m icmp --icmp-type 8
-m icmp --icmp-type 8;FAIL;@commit
-p tcp -m icmp --icmp-type 8;FAIL;@commit
# packets
-4
*filter
:INPUT
-p icmp -m icmp --icmp-type 8;=
>proto=icmp type=8;match
>proto=icmp type=0;nomatch
-p icmp -m icmp --icmp-type 3/3;=
>proto=icmp type=3 code=3 len=28;match
>proto=icmp type=3 code=1 len=28;nomatch
-p icmp -m icmp ! --icmp-type 3;=
>proto=icmp type=3 code=2 len=28;nomatch
>proto=icmp type=13;match
-p icmp -m icmp --icmp-type any;=
>proto=icmp type=13;match
>proto=icmp type=8;match
